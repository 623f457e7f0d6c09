package org.ipsjobs.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run of a job as it stands at a moment: what getActiveJobs reports. Immutable.
 *
 * @param job the job this is a run of
 * @param state where the run is in its life
 * @param startDate when the run started (when it was queued, until a worker takes it)
 * @param triggerTime when the run was triggered: submission, or the schedule's fire time
 * @param totalSize number of work items
 * @param progress percent of items finished, 0 to 100, never decreasing
 * @param progressMessage a readable summary of progress
 * @param lastProgressUpdate when progress last changed
 * @param tasks per-task progress
 * @param doneAt when the run reached {@link JobState#DONE}, else null
 */
public record RunSnapshot(JobDefinition job, JobState state, Instant startDate, Instant triggerTime, int totalSize,
        int progress, String progressMessage, Instant lastProgressUpdate, List<TaskStatus> tasks, Instant doneAt) {

    public RunSnapshot {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(state, "state");
        tasks = List.copyOf(tasks);
    }

    RunSnapshot with(JobState newState) {
        return new RunSnapshot(job, newState, startDate, triggerTime, totalSize, progress, progressMessage,
                lastProgressUpdate, tasks, doneAt);
    }
}
