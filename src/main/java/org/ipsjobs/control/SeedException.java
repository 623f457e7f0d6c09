package org.ipsjobs.control;

/** A seed the service refuses; nothing of it was applied. */
public class SeedException extends RuntimeException {

    private final String field;

    /** @param field where in the seed, such as {@code jobs[2].schedule} */
    public SeedException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
