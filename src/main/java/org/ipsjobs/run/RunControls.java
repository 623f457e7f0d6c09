package org.ipsjobs.run;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live side of runs, which a store cannot keep, keyed by the run's handle: the work a worker set
 * aside because it found its run held, until a release queues it again; and the runs a fault rule
 * stalled, until the admin API releases them. Thread-safe.
 */
public final class RunControls {

    private final ConcurrentMap<String, Runnable> parked = new ConcurrentHashMap<>();
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();

    /** Sets a held run's work aside. */
    void park(String runHandle, Runnable work) {
        parked.put(runHandle, work);
    }

    /** Takes back the work set aside for the run, if any; only one caller gets it. */
    public Optional<Runnable> unpark(String runHandle) {
        return Optional.ofNullable(parked.remove(runHandle));
    }

    /** Marks a run stalled: it waits until {@link #release} (or a stop). */
    void stall(String runHandle) {
        stalled.add(runHandle);
    }

    boolean isStalled(String runHandle) {
        return stalled.contains(runHandle);
    }

    /** Releases a stalled run; false when it was not stalled. The caller wakes the clock it waits on. */
    public boolean release(String runHandle) {
        return stalled.remove(runHandle);
    }

    /** Forgets everything set aside and every stall (for a reset). */
    public void clear() {
        parked.clear();
        stalled.clear();
    }
}
