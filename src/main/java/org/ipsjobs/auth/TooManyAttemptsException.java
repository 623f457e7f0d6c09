package org.ipsjobs.auth;

/** A password check refused because the same check failed too often just before; the message says how long to wait. */
public class TooManyAttemptsException extends RuntimeException {
    public TooManyAttemptsException(String message) {
        super(message);
    }
}
