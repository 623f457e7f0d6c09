package org.ipsjobs.auth;

/** A request whose caller could not be established. */
public class AuthenticationException extends RuntimeException {

    /** Why authentication failed. */
    public enum Reason {
        /** No credentials came with the request. */
        NO_CREDENTIALS,
        /** The user is unknown or the password wrong (deliberately not told apart). */
        INVALID_CREDENTIALS,
        /** The user exists but may not use the service. */
        INVALID_USER
    }

    private final Reason reason;

    public AuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
