package org.ipsjobs.schedule;

import java.time.Instant;

/** Called by the scheduler, on a scheduler thread, each time a job's trigger fires. */
@FunctionalInterface
public interface FireHandler {

    /**
     * @param key the key the job was scheduled under
     * @param scheduledFireTime when the trigger was due (for a fire-now request, the moment it was asked)
     */
    void fired(String key, Instant scheduledFireTime);
}
