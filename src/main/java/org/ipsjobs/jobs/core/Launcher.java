package org.ipsjobs.jobs.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.ipsjobs.control.FaultEffect;
import org.ipsjobs.control.RunEvents;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.RunHandle;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.model.WorkItem;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.run.JobExecution;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunControls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs: a job submitted to run now, a scheduler's fire, an executeJob. Each run is stored as
 * queued and handed to the workers; a job has at most one active run, so a fire that finds the
 * previous run still active is skipped.
 */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private final JobStore store;
    private final RunControls controls;
    private final Function<JobType, JobRunner> runners;
    private final Executor workers;
    private final JobSettings settings;
    private final JobExecution.Setting execution;
    private final List<WorkItem> defaultItems; // shared by every job whose parameters name no items

    /**
     * @param runners the runner for each job type
     * @param workers runs queued jobs; its thread count bounds how many run at once
     * @param execution what every execution needs (store, clock, pace ...)
     */
    public Launcher(JobStore store, RunControls controls, Function<JobType, JobRunner> runners, Executor workers,
            JobSettings settings, JobExecution.Setting execution) {
        this.store = store;
        this.controls = controls;
        this.runners = runners;
        this.workers = workers;
        this.settings = settings;
        this.execution = execution;
        this.defaultItems = IntStream.rangeClosed(1, settings.defaultItemCount())
                .mapToObj(i -> WorkItem.named("item " + i)).toList();
    }

    /** Stores a queued run of the job, triggered at the instant, and hands it to the workers. */
    public RunRecord launch(JobRecord job, Instant triggerTime) {
        return launch(job, triggerTime, null);
    }

    /**
     * As {@link #launch(JobRecord, Instant)}, for a seeded run that is to stay queued, or to be found
     * running at a progress, until released.
     */
    RunRecord launch(JobRecord job, Instant triggerTime, FaultEffect.Stall seeded) {
        return launch(job, triggerTime, seeded, false);
    }

    private RunRecord launch(JobRecord job, Instant triggerTime, FaultEffect.Stall seeded, boolean bySchedule) {
        List<WorkItem> items = items(job);
        RunHandle handle = RunHandle.of(job.handle(), store.nextRunId(), triggerTime, settings.zone());
        RunRecord run = store.insertRun(RunRecord.queued(handle, job, items.size(), "Waiting for a worker"));
        execution.events().record(RunEvents.Kind.QUEUED, handle.value(), triggerTime, null);
        execution.events().listener().queued(job.type(), bySchedule);
        workers.execute(new JobExecution(handle, items, runners.apply(job.type()), execution, seeded));
        return run;
    }

    /** The items a run of the job works through: the job's own, or numbered ones when it names none. */
    List<WorkItem> items(JobRecord job) {
        if (runners.apply(job.type()).findsItsOwnItems()) {
            return List.of();
        }
        return job.parameters().workItems().isEmpty() ? defaultItems : job.parameters().workItems();
    }

    ZoneId zone() {
        return settings.zone();
    }

    /** A trigger fired for the job with this handle (the scheduler's {@code FireHandler}). */
    public void fired(String jobHandle, Instant dueTime) {
        JobRecord job = store.job(jobHandle).orElse(null);
        if (job == null) {
            return; // deleted while the fire was on its way
        }
        RunRecord active = activeRun(job);
        if (active != null) {
            LOG.warn("schedule of job {} fired while its run {} was still {}; this fire is skipped", jobHandle,
                    active.handle(), active.state().wireName());
            execution.events().listener().fireMissed(job.type(), RunEvents.Misfire.STILL_RUNNING);
            return;
        }
        launch(job, dueTime, null, true);
    }

    /** The job's run that is not Done yet, or null. */
    RunRecord activeRun(JobRecord job) {
        return store.runsOf(job.handle()).stream().filter(RunRecord::isActive).findFirst().orElse(null);
    }

    /** Queues again the work a worker set aside when it found the run held. */
    void requeueParked(RunHandle run) {
        controls.unpark(run.value()).ifPresent(workers::execute);
    }

    /** Tells whoever waits for finished runs (the sweeper) that one finished without a worker. */
    void finishedWithoutWorker() {
        execution.onFinished().run();
    }
}
