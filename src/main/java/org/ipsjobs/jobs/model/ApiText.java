package org.ipsjobs.jobs.model;

/**
 * The characters a text of the job API may hold: those an XML 1.0 document can carry (tab, line
 * feed, carriage return, and every other character from U+0020 up, except the surrogate code
 * points when unpaired and U+FFFE, U+FFFF). Everything the service stores is written back to
 * clients in answers, so nothing outside this set is ever accepted: one stored control character
 * would make every later listing of its company unreadable.
 */
public final class ApiText {

    /** What an unwritable character becomes if one ever reaches an answer. */
    public static final char REPLACEMENT = '\uFFFD';

    private ApiText() {
    }

    /** The index of the first character the API cannot carry, or -1 when there is none. */
    public static int firstForbidden(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800 || c == '\n' || c == '\t' || c == '\r' || c >= 0xE000 && c <= 0xFFFD) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /** True when every character can be carried. */
    public static boolean isCarriable(CharSequence text) {
        return text == null || firstForbidden(text) < 0;
    }

    /**
     * Refuses, with 30001 naming the field, text the API could not write back in an answer.
     *
     * @throws InvalidRequestException when the value holds such a character
     */
    public static void require(String field, String value) {
        if (value != null && !isCarriable(value)) {
            throw InvalidRequestException.invalid(field + " holds a character that cannot be sent back in an answer ("
                    + describeForbidden(value) + "); control characters other than tab and line breaks are not allowed");
        }
    }

    /** The text with every character the API cannot carry replaced by U+FFFD; the same string when clean. */
    public static String cleaned(String text) {
        if (text == null) {
            return null;
        }
        int first = firstForbidden(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(firstForbidden(String.valueOf(c)) < 0 ? c : REPLACEMENT);
            }
        }
        return out.toString();
    }

    /** How to name a forbidden character in a fault reason: U+001B and its position (1-based). */
    public static String describeForbidden(CharSequence text) {
        int at = firstForbidden(text);
        return at < 0 ? "" : String.format("U+%04X at position %d", (int) text.charAt(at), at + 1);
    }
}
