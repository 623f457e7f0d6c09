package org.ipsjobs.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A password as the configuration stores it, able to check a candidate in constant time. */
public interface StoredPassword {

    /** True when the candidate is this password. Takes the same time whatever the candidate. */
    boolean matches(String candidate);

    /** A password stored as plain text. */
    static StoredPassword plain(String password) {
        byte[] expected = password.getBytes(StandardCharsets.UTF_8);
        return candidate -> candidate != null
                && MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
