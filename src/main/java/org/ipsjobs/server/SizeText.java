package org.ipsjobs.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes as people write them in the config file: {@code 10MB}, {@code 512KB}, {@code 1048576}. */
final class SizeText {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?");

    private SizeText() {
    }

    /** The number of bytes; a {@link ConfigException} naming {@code key} when the text is not a size. */
    static long parse(String key, String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw ConfigException.at(key, "'" + text + "' is not a size (write e.g. 10MB, 512KB or 1048576)");
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw ConfigException.at(key, "'" + text + "' is too large");
        }
    }

    /** A byte count as the config file would write it: {@code 1MB}, {@code 1KB}, {@code 1000}. */
    static String text(long bytes) {
        if (bytes > 0 && bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + "GB";
        }
        if (bytes > 0 && bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + "MB";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "KB";
        }
        return String.valueOf(bytes);
    }
}
