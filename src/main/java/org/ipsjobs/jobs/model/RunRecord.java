package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run of a job as the store keeps it, from queueing to Done: what getActiveJobs reports.
 * Immutable and versioned like {@link JobRecord}.
 *
 * @param handle the run's handle
 * @param version 1 when first stored, one more with each change
 * @param job the job as it was when the run was triggered
 * @param state where the run is in its life
 * @param startDate when a worker started it (its trigger time until then)
 * @param totalSize number of work items
 * @param progress percent of items finished, 0 to 100, never decreasing
 * @param progressMessage a readable summary of progress
 * @param lastProgressUpdate when progress last changed
 * @param tasks per-task progress
 * @param doneAt when the run reached {@link JobState#DONE}, else null
 * @param held true while a queued run is held by pauseJob
 * @param stop the stop asked for, or null
 */
public record RunRecord(RunHandle handle, long version, JobRecord job, JobState state, Instant startDate,
        int totalSize, int progress, String progressMessage, Instant lastProgressUpdate, List<TaskStatus> tasks,
        Instant doneAt, boolean held, Stop stop) {

    /**
     * A stop asked for.
     *
     * @param requestedBy the email of the user who asked, or null when the server is shutting down
     */
    public record Stop(String requestedBy) {
        public boolean byShutdown() {
            return requestedBy == null;
        }
    }

    public RunRecord {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(state, "state");
        tasks = List.copyOf(tasks);
    }

    /** A run just triggered (at its handle's trigger time), waiting for a worker. */
    public static RunRecord queued(RunHandle handle, JobRecord job, int totalSize, String progressMessage) {
        Instant triggered = handle.triggered();
        return new RunRecord(handle, 1, job, JobState.WAITING_COORDINATOR, triggered, totalSize, 0, progressMessage,
                triggered, List.of(), null, false, null);
    }

    /** When the run was triggered: submission, or the schedule's fire time (its handle names it). */
    public Instant triggerTime() {
        return handle.triggered();
    }

    public String companyHandle() {
        return job.companyHandle();
    }

    /** True until the run is Done. */
    public boolean isActive() {
        return state != JobState.DONE;
    }

    public boolean stopRequested() {
        return stop != null;
    }

    /** The next version with another state, held flag, stop, progress message and done time. */
    public RunRecord next(JobState newState, boolean newHeld, Stop newStop, String message, Instant updated,
            Instant newDoneAt) {
        return new RunRecord(handle, version + 1, job, newState, startDate, totalSize, progress, message, updated,
                tasks, newDoneAt, newHeld, newStop);
    }

    /** The next version, started by a worker at the instant. */
    public RunRecord started(Instant at) {
        return new RunRecord(handle, version + 1, job, JobState.RUNNING, at, totalSize, progress, progressMessage, at,
                tasks, null, held, stop);
    }

    /** The next version with new progress; the run's progress never goes down. */
    public RunRecord progressed(int percent, String message, Instant at, List<TaskStatus> newTasks) {
        return new RunRecord(handle, version + 1, job, state, startDate, totalSize, Math.max(progress, percent),
                message, at, newTasks, doneAt, held, stop);
    }
}
