package org.ipsjobs.jobs.core;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogFamily;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.jobs.store.StaleRecordException;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control operations: pause and resume (a schedule, or a queued run), stop, delete, execute, and
 * stopping everything at shutdown. Each change of a run is a compare-and-set on its record.
 */
final class Control {

    private static final Logger LOG = LoggerFactory.getLogger(Control.class);

    private final JobStore store;
    private final Targets targets;
    private final JobScheduler scheduler;
    private final Launcher launcher;
    private final ServiceClock clock;

    Control(JobStore store, Targets targets, JobScheduler scheduler, Launcher launcher, ServiceClock clock) {
        this.store = store;
        this.targets = targets;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.clock = clock;
    }

    void pause(Caller caller, String companyHandle, String jobHandle) {
        Targets.Target t = targets.resolve(caller, companyHandle, jobHandle);
        boolean paused = scheduled(t.job()) && scheduler.pause(t.job().handle().value());
        boolean held = t.run() != null && changeRun(t.run(), r -> r.state() == JobState.WAITING_COORDINATOR && !r.held()
                ? r.next(r.state(), true, r.stop(), r.progressMessage(), clock.instant(), r.doneAt()) : null);
        if (!paused && !held) {
            throw InvalidRequestException.invalid("Job '" + jobHandle + "' has no schedule and no queued run to pause"
                    + (t.run() != null && t.run().isActive() ? "; it is " + t.run().state().wireName()
                            + ", use stopJob to stop it" : ""));
        }
        LOG.info("job {} paused by {}", jobHandle, caller.email());
    }

    void resume(Caller caller, String companyHandle, String jobHandle) {
        Targets.Target t = targets.resolve(caller, companyHandle, jobHandle);
        boolean resumed = scheduled(t.job()) && scheduler.resume(t.job().handle().value());
        boolean released = t.run() != null && releaseHeld(t.run());
        if (!resumed && !released) {
            throw InvalidRequestException.invalid("Job '" + jobHandle + "' has no schedule and no held run to resume");
        }
        LOG.info("job {} resumed by {}", jobHandle, caller.email());
    }

    /** Lets a held run go back to the workers; false when it was not held. */
    boolean releaseHeld(RunRecord run) {
        boolean released = changeRun(run, r -> r.held()
                ? r.next(r.state(), false, r.stop(), r.progressMessage(), clock.instant(), r.doneAt()) : null);
        if (released) {
            launcher.requeueParked(run.handle());
        }
        return released;
    }

    void stop(Caller caller, String companyHandle, String jobHandle) {
        Targets.Target t = targets.resolve(caller, companyHandle, jobHandle);
        if (t.run() == null || !t.run().isActive()) {
            // a client that stops a job it just saw listed races the job's end every day: IPS answers
            // success and changes nothing
            LOG.info("job {} stop requested by {}: it is not running, nothing to do", jobHandle, caller.email());
            return;
        }
        stopRun(t.run(), caller.email());
        LOG.info("job {} stop requested by {}", jobHandle, caller.email());
    }

    void delete(Caller caller, String companyHandle, String jobHandle) {
        Targets.Target t = targets.resolve(caller, companyHandle, jobHandle);
        JobRecord job = t.job();
        if (job == null || (t.namedRun() && scheduled(job))) {
            // one run, named by its handle, of a job that is gone or that keeps its schedule: only it goes
            forget(t.run(), caller.email());
            LOG.info("run {} deleted by {}", t.run().handle(), caller.email());
            return;
        }
        if (job.timing().isScheduled()) {
            scheduler.remove(job.handle().value());
        }
        for (RunRecord run : store.runsOf(job.handle())) {
            forget(run, caller.email());
        }
        // the name is free at once; a run still stopping stays listed under the handle until it has
        // lingered out, so a client watching it sees it end
        store.deleteJob(job.handle());
        LOG.info("job {} deleted by {}", job.handle(), caller.email());
    }

    /** A finished run is removed; a queued or running one is stopped and removed when it has lingered out. */
    private void forget(RunRecord run, String requestedBy) {
        if (run.isActive()) {
            stopRun(run, requestedBy);
        } else {
            store.deleteRun(run.handle(), run.version());
        }
    }

    void execute(Caller caller, String companyHandle, String jobHandle) {
        Targets.Target t = targets.resolve(caller, companyHandle, jobHandle);
        if (!scheduled(t.job()) || scheduler.trigger(t.job().handle().value()).isEmpty()) {
            throw InvalidRequestException.invalid("Job '" + jobHandle + "' is not a scheduled job; executeJob runs"
                    + " scheduled jobs once now");
        }
        RunRecord active = launcher.activeRun(t.job());
        if (active != null) {
            throw InvalidRequestException.invalid("Job '" + jobHandle + "' cannot be executed now: its run is already "
                    + active.state().wireName());
        }
        scheduler.fireNow(t.job().handle().value());
        LOG.info("job {} executed now by {}", t.job().handle(), caller.email());
    }

    /** Stops every queued and running job because the server is shutting down. Returns how many. */
    int stopAllForShutdown() {
        List<RunRecord> active = store.activeRuns();
        for (RunRecord run : active) {
            stopRun(run, null);
            LOG.info("job {} stopped: the server is shutting down", run.handle().job());
        }
        return active.size();
    }

    /**
     * Asks a run to stop on behalf of a user (null: the server shutting down). A queued run is Done at
     * once, with a log saying so; a running one goes to Stopping and its worker winds it down.
     */
    void stopRun(RunRecord run, String requestedBy) {
        Instant now = clock.instant();
        RunRecord.Stop stop = new RunRecord.Stop(requestedBy);
        String who = requestedBy == null ? "the server" : requestedBy;
        RunRecord[] before = new RunRecord[1];
        boolean changed = changeRun(run, r -> {
            before[0] = r;
            return switch (r.state()) {
                case NEW, WAITING_COORDINATOR -> r.next(JobState.DONE, false, stop,
                        "Stopped by " + who + " before it started", now, now);
                // a run waits for its client (the next UploadFile POST) with a worker holding it
                case RUNNING, WAITING_CLIENT -> r.next(JobState.STOPPING, r.held(), stop, "Stopping at the request of " + who, now, null);
                default -> null;
            };
        });
        clock.wakeUp(); // a runner waiting out its pace sees the stop at once
        if (changed && before[0].state() != JobState.RUNNING && before[0].state() != JobState.WAITING_CLIENT) {
            // no worker will pick it up, so its log is written here
            JobRecord job = before[0].job();
            LogMessage message = requestedBy == null ? LogMessage.of("job.shutdownBeforeStart", job.name())
                    : LogMessage.of("job.stoppedBeforeStart", job.name(), requestedBy);
            store.appendLog(new LogRecord(store.nextLogId(), run.handle(), job.submitUserEmail(), job.locale(),
                    job.description(), job.type(), job.parameters().subType(), before[0].startDate(), now, 0, 0, 0,
                    before[0].totalSize(), false, List.of(new LogDetail(LogFamily.FILE_CANCEL, message, now, null, null,
                            null))));
            launcher.finishedWithoutWorker();
        }
    }

    /**
     * Applies a change to the stored run, again on the newest version if another change came first.
     * The change answers null when it does not apply; returns whether a change was stored.
     */
    private boolean changeRun(RunRecord run, UnaryOperator<RunRecord> change) {
        RunRecord current = run;
        while (true) {
            current = store.run(current.handle().value()).orElse(null);
            if (current == null) {
                return false;
            }
            RunRecord next = change.apply(current);
            if (next == null) {
                return false;
            }
            try {
                store.updateRun(next);
                return true;
            } catch (StaleRecordException e) {
                // changed meanwhile (progress, most likely): apply to the newest version
            }
        }
    }

    private static boolean scheduled(JobRecord job) {
        return job != null && job.timing().isScheduled();
    }
}
