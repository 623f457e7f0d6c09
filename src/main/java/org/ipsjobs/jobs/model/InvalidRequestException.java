package org.ipsjobs.jobs.model;

/** A request that breaks a rule of the job API; the message names the field and the rule. */
public class InvalidRequestException extends RuntimeException {

    /** Whether something was missing or present but wrong. */
    public enum Kind {
        MISSING_PARAMETER,
        INVALID_PARAMETER
    }

    private final Kind kind;

    public InvalidRequestException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static InvalidRequestException missing(String message) {
        return new InvalidRequestException(Kind.MISSING_PARAMETER, message);
    }

    public static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(Kind.INVALID_PARAMETER, message);
    }

    public Kind kind() {
        return kind;
    }
}
