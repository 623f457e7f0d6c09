package org.ipsjobs.jobs.store;

/** A new job's name is already used by a job its company holds. */
public class NameTakenException extends RuntimeException {
    public NameTakenException(String message) {
        super(message);
    }
}
