package org.ipsjobs.auth;

/** An authenticated caller asking for something it may not do or see. */
public class AuthorizationException extends RuntimeException {

    /** Which rule was broken. */
    public enum Reason {
        /** The company named in the request does not exist. */
        INVALID_COMPANY,
        /** The user named in the request does not exist. */
        INVALID_REQUEST_USER,
        /** The caller's role may not call the operation. */
        NO_OPERATION_PERMISSION,
        /** The caller does not belong to the company named in the request. */
        ILLEGAL_COMPANY,
        /** The caller may not act for the user named in the request. */
        ILLEGAL_REQUEST_USER
    }

    private final Reason reason;

    public AuthorizationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
