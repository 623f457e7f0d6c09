package org.ipsjobs.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A small HTML writer: text always goes through {@link #text}, so nothing a client sent (a job name,
 * a log line, a request body) can become markup on the page.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(4096);

    /** Appends markup written by this package, never data. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends data, escaped. */
    Html text(Object value) {
        out.append(escape(value == null ? "" : String.valueOf(value)));
        return this;
    }

    /** Appends {@code <tag attrs>text</tag>} with the text escaped. */
    Html el(String tag, String attrs, Object value) {
        out.append('<').append(tag);
        if (attrs != null && !attrs.isEmpty()) {
            out.append(' ').append(attrs);
        }
        out.append('>');
        text(value);
        out.append("</").append(tag).append('>');
        return this;
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(r != null ? r : "\uFFFD"); // control characters are not allowed in HTML text
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** An attribute value: escaped, in double quotes. */
    static String attr(String name, Object value) {
        return name + "=\"" + escape(value == null ? "" : String.valueOf(value)) + "\"";
    }

    static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
