package org.ipsjobs.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.schedule.TriggerInfo;
import org.ipsjobs.time.ServiceClock;

/**
 * What a test (through the admin API) may do to the whole service beyond the IPS operations: look at
 * everything it holds, forget it, seed it, move its clock and change how jobs run. Fault rules and the
 * request journal are separate ({@link FaultRules}, {@link RequestJournal}).
 */
public interface ServiceControl {

    /**
     * @param runsByState how many stored runs are in each state (IPS state names)
     * @param jobs how many jobs are stored
     * @param schedules how many of them have a trigger
     */
    record Status(Map<String, Integer> runsByState, int jobs, int schedules, ClockState clock) {
    }

    /** A stored job with its trigger and runs; or, for runs whose job was deleted, those runs alone. */
    record HeldJob(JobRecord job, TriggerInfo trigger, List<RunRecord> runs) {
        public HeldJob {
            runs = List.copyOf(runs);
        }
    }

    /** @param offset from real time (for a frozen clock: at the moment it was read) */
    record ClockState(ServiceClock.Mode mode, Instant now, Duration offset, ZoneId zone) {
    }

    /** What moving the clock set off, in order. */
    record AdvanceReport(Instant from, Instant to, int steps, List<RunEvents.Event> events, int eventsNotListed) {
    }

    /** The job settings that can change at run time. */
    record RuntimeSettings(Duration pace, int workers, Duration doneLinger) {
    }

    Status status();

    /**
     * Adds what the seed holds, all or nothing.
     *
     * @throws SeedException naming the first thing in the seed the service refuses; nothing was added
     */
    SeedReport seed(Seed seed);

    /**
     * Forgets every job, run, schedule and log; companies, users and job settings return to the
     * configuration (and the start-up seed, if any); fault rules and the journal are emptied by the
     * caller. The clock is left as it is.
     */
    void reset();

    /** Everything stored, company by company. */
    List<HeldJob> jobs();

    /** The job a job's or a run's handle names, with its runs (only the named run for a run handle). */
    Optional<HeldJob> job(String handle);

    /**
     * Lets a run go on that a fault rule stalled or a pauseJob held.
     *
     * @param handle a run's handle, or a job's (its active run)
     * @return false when there was nothing to release
     */
    boolean release(String handle);

    ClockState clock();

    ClockState freezeAt(Instant at);

    ClockState runAtOffset(Duration offset);

    ClockState runReal();

    /** Moves the clock forward, through every deadline on the way, and reports what happened. */
    AdvanceReport advance(Duration by);

    RuntimeSettings settings();

    /** Changes the settings given (null: keep). @throws IllegalArgumentException for values out of range */
    RuntimeSettings changeSettings(Duration pace, Integer workers, Duration doneLinger);
}
