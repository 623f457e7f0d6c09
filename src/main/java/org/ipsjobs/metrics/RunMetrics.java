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

    private static final String QUEUED = "Runs queued for a worker, by job type and what queued them";

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
            queuedBySubmit.put(type, counter(registry, "ips.job.runs.queued", QUEUED, t, "trigger", "request"));
            fires.put(type, counter(registry, "ips.job.runs.queued", QUEUED, t, "trigger", "schedule"));
            started.put(type, counter(registry, "ips.job.runs.started", "Runs a worker started, by job type", t));
            Map<RunEvents.Outcome, Counter> byOutcome = new EnumMap<>(RunEvents.Outcome.class);
            for (RunEvents.Outcome outcome : RunEvents.Outcome.values()) {
                byOutcome.put(outcome, counter(registry, "ips.job.runs.finished", "Runs that ended, by job type and"
                        + " how (completed, stopped, failed)", t, "outcome", label(outcome)));
            }
            finished.put(type, byOutcome);
            itemsProcessed.put(type, counter(registry, "ips.job.items.processed", "Items (files, assets, pages) runs"
                    + " worked through, failed ones included, by job type", t));
            itemsFailed.put(type, counter(registry, "ips.job.items.failed", "Items runs failed on, by job type", t));
            Map<RunEvents.Misfire, Counter> byReason = new EnumMap<>(RunEvents.Misfire.class);
            for (RunEvents.Misfire why : RunEvents.Misfire.values()) {
                byReason.put(why, counter(registry, "ips.schedule.misfires", "Schedule fires that queued no run, by"
                        + " job type and why (late, still_running)", t, "reason", label(why)));
            }
            misfires.put(type, byReason);
        }
    }

    /** A counter labelled with the job type, and one more label when given. */
    private static Counter counter(MeterRegistry registry, String name, String description, String type,
            String... label) {
        Counter.Builder builder = Counter.builder(name).description(description).tag("type", type);
        if (label.length == 2) {
            builder.tag(label[0], label[1]);
        }
        return builder.register(registry);
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
