package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.Objects;

import org.ipsjobs.schedule.ScheduleExpression;

/** When a submitted job runs: now, once at a given time, or on a recurring schedule. */
public sealed interface ExecTiming {

    /** Runs as soon as a worker is free. */
    record Immediate() implements ExecTiming {
        /** The one instance the service uses, rather than one per job. */
        public static final Immediate NOW = new Immediate();
    }

    /** Runs once at the given instant. */
    record At(Instant time) implements ExecTiming {
        public At {
            Objects.requireNonNull(time, "time");
        }
    }

    /** Runs each time the schedule fires, until deleted. */
    record Recurring(ScheduleExpression schedule) implements ExecTiming {
        public Recurring {
            Objects.requireNonNull(schedule, "schedule");
        }
    }

    /** True when the job waits for a trigger rather than running at once. */
    default boolean isScheduled() {
        return !(this instanceof Immediate);
    }
}
