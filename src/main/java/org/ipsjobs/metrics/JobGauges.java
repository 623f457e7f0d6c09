package org.ipsjobs.metrics;

import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.JobType;

/**
 * What the service holds now, read at each scrape: stored runs by state and job type, runs waiting
 * for a worker, and workers busy. Each reading is a counter lookup, not a walk over the store. The
 * gauges hold their suppliers strongly: Micrometer's default weak hold would let a method reference
 * be collected, and the gauge read NaN from then on.
 */
public final class JobGauges {

    /** How many stored runs of a type are in a state (the store's counts). */
    @FunctionalInterface
    public interface RunCounts {
        long count(JobState state, JobType type);
    }

    private JobGauges() {
    }

    /**
     * @param queueDepth runs waiting for a worker
     * @param busyWorkers workers running a job
     * @param workers how many jobs may run at once
     */
    public static void register(MeterRegistry registry, RunCounts runs, IntSupplier queueDepth, IntSupplier busyWorkers,
            IntSupplier workers) {
        for (JobState state : JobState.values()) {
            for (JobType type : JobType.values()) {
                Gauge.builder("ips.job.runs", runs, r -> r.count(state, type))
                        .description("Runs stored now (still listed by getActiveJobs), by state and job type")
                        .tag("state", state.wireName()).tag("type", type.wireName()).strongReference(true)
                        .register(registry);
            }
        }
        Gauge.builder("ips.job.queue.depth", queueDepth, IntSupplier::getAsInt)
                .description("Runs waiting for a free worker").strongReference(true).register(registry);
        Gauge.builder("ips.job.workers.busy", busyWorkers, IntSupplier::getAsInt)
                .description("Workers running a job now").strongReference(true).register(registry);
        Gauge.builder("ips.job.workers", workers, IntSupplier::getAsInt)
                .description("Jobs that may run at once (jobs.workers)").strongReference(true).register(registry);
    }
}
