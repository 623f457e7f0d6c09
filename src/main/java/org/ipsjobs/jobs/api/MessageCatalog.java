package org.ipsjobs.jobs.api;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.ipsjobs.jobs.model.LogMessage;

/**
 * Renders {@link LogMessage}s in a locale. Translations live in the {@code messages} bundle of this
 * package; a locale without one falls back to English. Thread-safe.
 */
public final class MessageCatalog {

    private static final String BUNDLE = "org.ipsjobs.jobs.api.messages";

    /** Renders the message in the locale written as an IPS locale string (for example en-US); null means English. */
    public String render(LogMessage message, String locale) {
        ResourceBundle bundle = bundle(locale);
        String pattern;
        try {
            pattern = bundle.getString(message.key());
        } catch (MissingResourceException e) {
            return message.key() + " " + String.join(" ", message.args());
        }
        return new MessageFormat(pattern, bundle.getLocale()).format(message.args().toArray());
    }

    private static ResourceBundle bundle(String locale) {
        Locale wanted = locale == null || locale.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(locale.replace('_', '-'));
        // never let the JVM's default locale pick the fallback: an unknown locale means English
        return ResourceBundle.getBundle(BUNDLE, wanted, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
