package org.ipsjobs.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A password as the configuration stores it, able to check a candidate in constant time. */
public interface StoredPassword {

    /** True when the candidate is this password. Takes the same time whatever the candidate. */
    boolean matches(String candidate);

    /** True when the configuration holds a hash rather than the password itself. */
    boolean isHashed();

    /** Reads a configured password: a {@link Pbkdf2Password} hash, or else the password in plain text. */
    static StoredPassword fromConfig(String value) {
        return Pbkdf2Password.isHash(value) ? Pbkdf2Password.parse(value) : plain(value);
    }

    /** A password stored as plain text. */
    static StoredPassword plain(String password) {
        byte[] expected = password.getBytes(StandardCharsets.UTF_8);
        return new StoredPassword() {
            @Override
            public boolean matches(String candidate) {
                return candidate != null
                        && MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean isHashed() {
                return false;
            }
        };
    }
}
