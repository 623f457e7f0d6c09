package org.ipsjobs.auth;

/**
 * Told of failed logins and of lockouts as they happen (the metrics count them). Called on the
 * request's thread: must be quick and must not throw.
 */
public interface LoginListener {

    LoginListener NONE = new LoginListener() {
    };

    /** A login was refused. */
    default void failed(AuthenticationException.Reason reason, boolean lockedOut) {
    }

    /** Failures under one user and address reached the limit: that pair is locked out for a while. */
    default void lockedOut() {
    }
}
