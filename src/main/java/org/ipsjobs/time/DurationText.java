package org.ipsjobs.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, in the configuration and to the admin API: {@code 250ms},
 * {@code 2s}, {@code 10m}, {@code 1h}, {@code 3d}, a bare number of milliseconds, or ISO-8601
 * ({@code PT10M}, {@code P3D}).
 */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    /** How to write one, for messages. */
    public static final String EXAMPLES = "500ms, 30s, 10m, 1h, 3d or ISO-8601 such as PT10M";

    private DurationText() {
    }

    /** The duration the text means, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        String t = text.trim();
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return Optional.of(switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return Optional.of(Duration.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
