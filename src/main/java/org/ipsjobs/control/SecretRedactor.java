package org.ipsjobs.control;

/**
 * Blanks the contents of elements that carry secrets ({@code password}, {@code accessToken},
 * {@code AuthPassword}, in any letter case and under any namespace prefix) in a request body, so the
 * journal never keeps them. A single forward scan: it runs on every journalled request, where the
 * equivalent regular expression cost several percent of the service's throughput. An element that is
 * opened and never closed is blanked to the end of the text.
 */
final class SecretRedactor {

    private static final String[] SECRETS = {"password", "accessToken", "AuthPassword"};

    private SecretRedactor() {
    }

    static String redact(String body, String replacement) {
        if (body == null) {
            return null;
        }
        StringBuilder out = null;
        int copied = 0;
        int lt = body.indexOf('<');
        while (lt >= 0) {
            int nameStart = lt + 1;
            int nameEnd = nameEnd(body, nameStart);
            int local = localStart(body, nameStart, nameEnd);
            String secret = secretNamed(body, local, nameEnd);
            int tagEnd = secret == null ? -1 : body.indexOf('>', nameEnd);
            if (tagEnd < 0 || body.charAt(tagEnd - 1) == '/') { // not a secret, cut short, or an empty element
                lt = body.indexOf('<', Math.max(nameEnd, nameStart));
                continue;
            }
            int contentEnd = closingTag(body, tagEnd + 1, secret);
            if (out == null) {
                out = new StringBuilder(body.length());
            }
            out.append(body, copied, tagEnd + 1).append(replacement);
            copied = contentEnd;
            lt = contentEnd >= body.length() ? -1 : body.indexOf('<', contentEnd + 1);
        }
        if (out == null) {
            return body;
        }
        return out.append(body, copied, body.length()).toString();
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isNameChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
    }

    private static int localStart(String s, int nameStart, int nameEnd) {
        int colon = s.lastIndexOf(':', nameEnd - 1);
        return colon >= nameStart ? colon + 1 : nameStart;
    }

    private static String secretNamed(String s, int from, int to) {
        for (String secret : SECRETS) {
            if (to - from == secret.length() && s.regionMatches(true, from, secret, 0, secret.length())) {
                return secret;
            }
        }
        return null;
    }

    /** Where the closing tag of the secret element starts, or the end of the text when there is none. */
    private static int closingTag(String s, int from, String secret) {
        int at = s.indexOf("</", from);
        while (at >= 0) {
            int nameEnd = nameEnd(s, at + 2);
            int local = localStart(s, at + 2, nameEnd);
            if (nameEnd - local == secret.length() && s.regionMatches(true, local, secret, 0, secret.length())) {
                int i = nameEnd;
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i < s.length() && s.charAt(i) == '>') {
                    return at;
                }
            }
            at = s.indexOf("</", at + 2);
        }
        return s.length();
    }
}
