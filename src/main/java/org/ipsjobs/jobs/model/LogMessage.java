package org.ipsjobs.jobs.model;

import java.util.List;
import java.util.Objects;

/**
 * A log message kept as a key and its arguments, so that it is rendered in the reader's locale
 * when read rather than in one language when written. See {@link MessageCatalog}.
 *
 * @param key the message key in the catalog
 * @param args the values placed into the message, in order
 */
public record LogMessage(String key, List<String> args) {

    public LogMessage {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    public static LogMessage of(String key, String... args) {
        return new LogMessage(key, List.of(args));
    }
}
