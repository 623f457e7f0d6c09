package org.ipsjobs.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Checks the admin token the admin API, the dashboard and /metrics share. Comparisons take the same
 * time however much of a guess is right.
 */
public final class AdminToken {

    private AdminToken() {
    }

    /** True when the sent value is the token. */
    public static boolean matches(String sent, String token) {
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** True when the request carries {@code Authorization: Bearer <token>}. */
    public static boolean inBearerHeader(HttpServletRequest request, String token) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(header.substring(7).trim(), token);
    }
}
