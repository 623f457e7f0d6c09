package org.ipsjobs.jobs.store;

/** A change to a record was computed from a version that is no longer the stored one. */
public class StaleRecordException extends RuntimeException {
    public StaleRecordException(String message) {
        super(message);
    }
}
