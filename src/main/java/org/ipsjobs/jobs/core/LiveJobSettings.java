package org.ipsjobs.jobs.core;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The job settings in force. They start as configured; the admin API can change the pace, the worker
 * count and the linger time while the service runs, and every part reads them from here.
 */
public final class LiveJobSettings implements Supplier<JobSettings> {

    private volatile JobSettings current;

    public LiveJobSettings(JobSettings initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public JobSettings get() {
        return current;
    }

    public void set(JobSettings next) {
        current = Objects.requireNonNull(next, "next");
    }
}
