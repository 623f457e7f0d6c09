package org.ipsjobs.schedule;

import java.time.Instant;

/** Called by the scheduler, on a scheduler thread, each time a job's trigger fires (or misfires). */
@FunctionalInterface
public interface FireHandler {

    /**
     * @param key the key the job was scheduled under
     * @param scheduledFireTime when the trigger was due (for a fire-now request, the moment it was asked)
     */
    void fired(String key, Instant scheduledFireTime);

    /**
     * A recurring trigger's fire was skipped because it came due too late (the misfire rule); the
     * trigger waits for its next fire.
     *
     * @param key the key the job was scheduled under
     * @param scheduledFireTime when the skipped fire was due
     */
    default void missed(String key, Instant scheduledFireTime) {
    }
}
