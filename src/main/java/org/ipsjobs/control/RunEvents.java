package org.ipsjobs.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.ipsjobs.jobs.model.JobType;

/**
 * What happened to runs while someone was watching: queued (by a schedule or a submit), started,
 * finished, expired. The admin API watches while it advances the clock, so its answer can say what
 * the advance set off. Recording is off otherwise and then costs one volatile read. A {@link Listener}
 * (the metrics) is told of every run, recording or not. Thread-safe.
 */
public final class RunEvents {

    /** At most this many events are kept per recording; an advance over years does not fill memory. */
    static final int MAX_EVENTS = 10_000;

    public enum Kind { QUEUED, STARTED, FINISHED, EXPIRED }

    /**
     * @param detail for FINISHED the outcome ({@code 3 succeeded, 0 failed}), else null
     */
    public record Event(Kind kind, String runHandle, Instant at, String detail) {
        public Event {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(runHandle, "runHandle");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Told of every run as it is queued, starts and ends, on the thread that did it; must be quick and
     * must not throw.
     */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** @param bySchedule queued because a schedule fired, not by a submit or a run-now */
        default void queued(JobType type, boolean bySchedule) {
        }

        default void started(JobType type) {
        }

        /**
         * @param outcome how the run ended
         * @param succeeded items done without error
         * @param failed items that failed
         */
        default void finished(JobType type, Outcome outcome, int succeeded, int failed) {
        }

        /** A schedule's fire that queued nothing; type is null when the job is not known any more. */
        default void fireMissed(JobType type, Misfire why) {
        }
    }

    /** Why a schedule's fire queued no run. */
    public enum Misfire {
        /** it came due more than the misfire threshold late (the clock jumped, or the service was busy) */
        LATE,
        /** the job's previous run had not finished */
        STILL_RUNNING
    }

    /** How a run ended. */
    public enum Outcome {
        /** every item was tried (some may have failed) */
        COMPLETED,
        /** stopped by a user or by the server's shutdown before every item was tried */
        STOPPED,
        /** the runner broke off with an error of ours */
        FAILED
    }

    private volatile Listener listener = Listener.NONE;
    private final List<Event> recorded = new ArrayList<>(); // guarded by this
    private volatile boolean recording;
    private int dropped; // guarded by this

    /** Sets the one listener told of every run (the metrics); {@link Listener#NONE} to stop. */
    public void listen(Listener l) {
        this.listener = Objects.requireNonNull(l, "listener");
    }

    /** The listener told of every run. */
    public Listener listener() {
        return listener;
    }

    public void record(Kind kind, String runHandle, Instant at, String detail) {
        if (!recording) {
            return;
        }
        synchronized (this) {
            if (recorded.size() < MAX_EVENTS) {
                recorded.add(new Event(kind, runHandle, at, detail));
            } else {
                dropped++;
            }
        }
    }

    /** Starts a recording, forgetting any earlier one. */
    public synchronized void start() {
        recorded.clear();
        dropped = 0;
        recording = true;
    }

    /** Ends the recording and returns what it saw, in the order it happened. */
    public synchronized Recording stop() {
        recording = false;
        Recording r = new Recording(List.copyOf(recorded), dropped);
        recorded.clear();
        return r;
    }

    /** @param dropped events beyond {@link #MAX_EVENTS}, not kept */
    public record Recording(List<Event> events, int dropped) {
    }
}
