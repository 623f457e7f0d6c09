package org.ipsjobs.jobs;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One run of a job, from queueing to Done. Thread-safe.
 *
 * <p>Readers only ever see the current immutable {@link RunSnapshot}; the worker running the job,
 * the request threads that stop, hold or release it, and the sweeper all change it under this
 * object's monitor. A runner waits out its pace on the service clock, which whoever stops the run
 * wakes.
 */
public final class JobRun {

    /** What a stop request did to the run. */
    public enum StopResult {
        /** The run had not started: it is Done now. */
        STOPPED_BEFORE_START,
        /** The run is Stopping; its worker will finish it shortly. */
        STOPPING,
        /** The run was already stopping or done. */
        ALREADY_FINISHING
    }

    private final long id;
    private volatile boolean stopRequested; // set once, under this object's monitor, which is then notified
    private volatile RunSnapshot snapshot;
    private boolean held;    // guarded by this
    private Runnable parkedWork; // guarded by this: what a worker that found the run held set aside
    private volatile String stoppedBy;
    private volatile boolean byShutdown;

    public JobRun(long id, JobDefinition job, Instant triggerTime, int totalSize, String progressMessage) {
        this.id = id;
        this.snapshot = new RunSnapshot(job, JobState.WAITING_COORDINATOR, triggerTime, triggerTime, totalSize, 0,
                progressMessage, triggerTime, List.of(), null);
    }

    /** Unique among all runs of this server, increasing in creation order. */
    public long id() {
        return id;
    }

    public JobDefinition job() {
        return snapshot.job();
    }

    /** The run as it stands now. */
    public RunSnapshot snapshot() {
        return snapshot;
    }

    public JobState state() {
        return snapshot.state();
    }

    /** True until the run is Done. */
    public boolean isActive() {
        return snapshot.state() != JobState.DONE;
    }

    /** Applies a change to the snapshot atomically. */
    public synchronized void update(UnaryOperator<RunSnapshot> change) {
        snapshot = change.apply(snapshot);
    }

    /**
     * Called by a worker about to run this job. Returns false when it must not run: it was stopped
     * while queued, or it is held (then {@code work} is kept until {@link #release()} hands it back).
     */
    public synchronized boolean tryStart(Instant now, Runnable work) {
        if (snapshot.state() != JobState.WAITING_COORDINATOR) {
            return false;
        }
        if (held) {
            parkedWork = work;
            return false;
        }
        RunSnapshot s = snapshot;
        snapshot = new RunSnapshot(s.job(), JobState.RUNNING, now, s.triggerTime(), s.totalSize(), s.progress(),
                s.progressMessage(), now, s.tasks(), null);
        return true;
    }

    /** Holds a queued run so no worker starts it. False when the run is not queued. */
    public synchronized boolean hold() {
        if (snapshot.state() != JobState.WAITING_COORDINATOR) {
            return false;
        }
        held = true;
        return true;
    }

    /** True while a queued run is held. */
    public synchronized boolean isHeld() {
        return held;
    }

    /**
     * Releases a held run. Returns the work a worker set aside while the run was held, which the
     * caller must queue again, or null when no worker has reached it yet.
     */
    public synchronized Runnable release() {
        held = false;
        Runnable again = parkedWork;
        parkedWork = null;
        return snapshot.state() == JobState.WAITING_COORDINATOR ? again : null;
    }

    /** Asks the run to stop because the server is shutting down; see {@link StopResult} for what happens. */
    public synchronized StopResult requestShutdownStop(Instant now) {
        if (!stopRequested) {
            byShutdown = true;
        }
        return requestStop(now, "the server");
    }

    /** True when the run was stopped because the server shut down, not by a user. */
    public boolean stoppedByShutdown() {
        return byShutdown;
    }

    /** Asks the run to stop on behalf of the named user; see {@link StopResult} for what happens. */
    public synchronized StopResult requestStop(Instant now, String requestedBy) {
        if (stoppedBy == null) {
            stoppedBy = requestedBy;
        }
        stopRequested = true;
        RunSnapshot s = snapshot;
        switch (s.state()) {
            case NEW, WAITING_CLIENT, WAITING_COORDINATOR -> {
                snapshot = new RunSnapshot(s.job(), JobState.DONE, s.startDate(), s.triggerTime(), s.totalSize(),
                        s.progress(), "Stopped by " + stoppedBy + " before it started", now, s.tasks(), now);
                return StopResult.STOPPED_BEFORE_START;
            }
            case RUNNING -> {
                snapshot = new RunSnapshot(s.job(), JobState.STOPPING, s.startDate(), s.triggerTime(), s.totalSize(),
                        s.progress(), "Stopping at the request of " + stoppedBy, now, s.tasks(), null);
                return StopResult.STOPPING;
            }
            default -> {
                return StopResult.ALREADY_FINISHING;
            }
        }
    }

    /** Who asked the run to stop, or null. */
    public String stoppedBy() {
        return stoppedBy;
    }

    /** True once a stop was requested. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Marks the run Done. */
    public synchronized void finish(Instant now, String message) {
        RunSnapshot s = snapshot;
        snapshot = new RunSnapshot(s.job(), JobState.DONE, s.startDate(), s.triggerTime(), s.totalSize(),
                s.progress(), message, now, s.tasks(), now);
    }
}
