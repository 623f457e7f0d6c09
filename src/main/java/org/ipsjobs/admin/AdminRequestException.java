package org.ipsjobs.admin;

/** A request to the admin API that cannot be served as sent: answered with its status and a JSON error. */
public final class AdminRequestException extends RuntimeException {

    private final int status;
    private final String field;
    private final String allow;

    AdminRequestException(int status, String field, String message) {
        this(status, field, message, null);
    }

    private AdminRequestException(int status, String field, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.allow = allow;
    }

    static AdminRequestException methodNotAllowed(String method, String allow) {
        return new AdminRequestException(405, null, "method " + method + " is not served here; allowed: " + allow,
                allow);
    }

    /** For a 405: the methods the resource serves. */
    String allow() {
        return allow;
    }

    static AdminRequestException badField(String field, String message) {
        return new AdminRequestException(400, field, message);
    }

    static AdminRequestException notFound(String message) {
        return new AdminRequestException(404, null, message);
    }

    int status() {
        return status;
    }

    /** The field of the request body at fault, or null. */
    String field() {
        return field;
    }
}
