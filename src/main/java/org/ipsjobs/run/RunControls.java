package org.ipsjobs.run;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live side of runs, which a store cannot keep: the work a worker set aside because it found its
 * run held, keyed by the run's handle, until a release queues it again. Thread-safe.
 */
public final class RunControls {

    private final ConcurrentMap<String, Runnable> parked = new ConcurrentHashMap<>();

    /** Sets a held run's work aside. */
    void park(String runHandle, Runnable work) {
        parked.put(runHandle, work);
    }

    /** Takes back the work set aside for the run, if any; only one caller gets it. */
    public Optional<Runnable> unpark(String runHandle) {
        return Optional.ofNullable(parked.remove(runHandle));
    }

    /** Forgets everything set aside (for a reset). */
    public void clear() {
        parked.clear();
    }
}
