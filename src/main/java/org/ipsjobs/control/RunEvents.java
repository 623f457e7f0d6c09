package org.ipsjobs.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What happened to runs while someone was watching: queued (by a schedule or a submit), started,
 * finished, expired. The admin API watches while it advances the clock, so its answer can say what
 * the advance set off. Recording is off otherwise and then costs one volatile read. Thread-safe.
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

    private final List<Event> recorded = new ArrayList<>(); // guarded by this
    private volatile boolean recording;
    private int dropped; // guarded by this

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
