package org.ipsjobs.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored as a salted PBKDF2-HMAC-SHA256 hash, written
 * {@code pbkdf2-sha256:<iterations>:<base64 salt>:<base64 hash>} (what the jar's {@code hash-password}
 * command prints).
 *
 * <p>Deriving the hash is deliberately slow, and every SOAP request carries the password again, so
 * the last password that matched is remembered as a SHA-256 digest: a request with the same password
 * is checked against that digest in constant time, while any other candidate pays the full cost.
 */
public final class Pbkdf2Password implements StoredPassword {

    static final String PREFIX = "pbkdf2-sha256:";
    /** How the stored form looks, for messages. */
    public static final String FORM = "pbkdf2-sha256:<iterations>:<salt>:<hash>";
    private static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;
    private volatile byte[] lastMatchDigest;

    private Pbkdf2Password(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    static boolean isHash(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * Reads the stored form; throws IllegalArgumentException saying what is wrong with it (never
     * repeating the value, which may be a password pasted into the wrong place).
     */
    public static Pbkdf2Password parse(String value) {
        String[] parts = value.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a pbkdf2-sha256 hash has 4 parts separated by ':', this one "
                    + (parts.length + 1));
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count (the second part) is not a number");
        }
        if (iterations < 10_000) {
            throw new IllegalArgumentException("the hash has " + iterations + " iterations; at least 10000 are needed");
        }
        byte[] salt = base64(parts[1], "salt (the third part)");
        byte[] hash = base64(parts[2], "hash value (the fourth part)");
        if (salt.length == 0) {
            throw new IllegalArgumentException("the salt (the third part) is empty");
        }
        if (hash.length != HASH_BITS / 8) {
            throw new IllegalArgumentException("the hash value (the fourth part) is " + hash.length + " bytes long, not "
                    + HASH_BITS / 8);
        }
        return new Pbkdf2Password(iterations, salt, hash);
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not base64");
        }
    }

    /** Hashes a password with a fresh random salt, returning the stored form. */
    public static String hash(char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, DEFAULT_ITERATIONS);
        return PREFIX + DEFAULT_ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    @Override
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        byte[] digest = sha256(candidate);
        byte[] remembered = lastMatchDigest;
        if (remembered != null && MessageDigest.isEqual(remembered, digest)) {
            return true;
        }
        boolean matches = MessageDigest.isEqual(hash, derive(candidate.toCharArray(), salt, iterations));
        if (matches) {
            lastMatchDigest = digest;
        }
        return matches;
    }

    @Override
    public boolean isHashed() {
        return true;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
