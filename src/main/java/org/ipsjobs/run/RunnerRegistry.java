package org.ipsjobs.run;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import org.ipsjobs.jobs.model.JobType;

/**
 * Picks the runner for a job type: a runner registered for the type, else the fallback. Real
 * per-type runners plug in here without the job service changing.
 */
public final class RunnerRegistry implements Function<JobType, JobRunner> {

    private final Map<JobType, JobRunner> runners = new EnumMap<>(JobType.class);
    private final JobRunner fallback;

    public RunnerRegistry(JobRunner fallback) {
        this.fallback = fallback;
    }

    /** Registers the runner for one type; returns this registry. */
    public RunnerRegistry register(JobType type, JobRunner runner) {
        runners.put(type, runner);
        return this;
    }

    @Override
    public JobRunner apply(JobType type) {
        return runners.getOrDefault(type, fallback);
    }
}
