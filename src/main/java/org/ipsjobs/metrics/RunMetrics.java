package org.ipsjobs.metrics;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ipsjobs.control.RunEvents;
import org.ipsjobs.jobs.model.JobType;

/**
 * Counts runs as they are queued, start and end, the items they work through, and schedule fires
 * and misfires, by job type. Every series exists from the start (at zero), so a rate over them is
 * defined before the first job.
 */
public final class RunMetrics implements RunEvents.Listener {

    private final Map<JobType, Counter> queuedBySubmit = new EnumMap<>(JobType.class);
    private final Map<JobType, Counter> fires = new EnumMap<>(JobType.class);
    private final Map<JobType, Counter> started = new EnumMap<>(JobType.class);
    private final Map<JobType, Map<RunEvents.Outcome, Counter>> finished = new EnumMap<>(JobType.class);
    private final Map<JobType, Counter> itemsProcessed = new EnumMap<>(JobType.class);
    private final Map<JobType, Counter> itemsFailed = new EnumMap<>(JobType.class);
    private final Map<JobType, Map<RunEvents.Misfire, Counter>> misfires = new EnumMap<>(JobType.class);

    public RunMetrics(MeterRegistry registry) {
        for (JobType type : JobType.values()) {
            String t = type.wireName();
            queuedBySubmit.put(type, Counter.builder("ips.job.runs.queued")
                    .description("Runs queued for a worker, by job type and what queued them")
                    .tag("type", t).tag("trigger", "request").register(registry));
            fires.put(type, Counter.builder("ips.job.runs.queued")
                    .description("Runs queued for a worker, by job type and what queued them")
                    .tag("type", t).tag("trigger", "schedule").register(registry));
            started.put(type, Counter.builder("ips.job.runs.started")
                    .description("Runs a worker started, by job type").tag("type", t).register(registry));
            Map<RunEvents.Outcome, Counter> byOutcome = new EnumMap<>(RunEvents.Outcome.class);
            for (RunEvents.Outcome outcome : RunEvents.Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("ips.job.runs.finished")
                        .description("Runs that ended, by job type and how (completed, stopped, failed)")
                        .tag("type", t).tag("outcome", label(outcome)).register(registry));
            }
            finished.put(type, byOutcome);
            itemsProcessed.put(type, Counter.builder("ips.job.items.processed")
                    .description("Items (files, assets, pages) runs worked through, failed ones included, by job type")
                    .tag("type", t).register(registry));
            itemsFailed.put(type, Counter.builder("ips.job.items.failed")
                    .description("Items runs failed on, by job type").tag("type", t).register(registry));
            Map<RunEvents.Misfire, Counter> byReason = new EnumMap<>(RunEvents.Misfire.class);
            for (RunEvents.Misfire why : RunEvents.Misfire.values()) {
                byReason.put(why, Counter.builder("ips.schedule.misfires")
                        .description("Schedule fires that queued no run, by job type and why (late, still_running)")
                        .tag("type", t).tag("reason", label(why)).register(registry));
            }
            misfires.put(type, byReason);
        }
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void queued(JobType type, boolean bySchedule) {
        (bySchedule ? fires : queuedBySubmit).get(type).increment();
    }

    @Override
    public void started(JobType type) {
        this.started.get(type).increment();
    }

    @Override
    public void finished(JobType type, RunEvents.Outcome outcome, int succeeded, int failed) {
        this.finished.get(type).get(outcome).increment();
        itemsProcessed.get(type).increment(succeeded + (double) failed);
        if (failed > 0) {
            itemsFailed.get(type).increment(failed);
        }
    }

    @Override
    public void fireMissed(JobType type, RunEvents.Misfire why) {
        if (type != null) {
            misfires.get(type).get(why).increment();
        }
    }
}
