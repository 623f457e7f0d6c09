package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.List;

/**
 * Progress of one task of a running job, as reported in TaskProgress.
 *
 * @param taskType what the task does (the job type's name)
 * @param taskState the task's state, using the Active Job States names
 * @param numProcessed items finished
 * @param numProcessing items in hand
 * @param numPending items not yet started
 * @param progress the fraction done, 0.0 to 1.0 (as TaskProgress carries it on the wire)
 * @param progressMessage a readable summary
 * @param lastProgressUpdate when it last changed
 * @param items per-item progress, in work order
 */
public record TaskStatus(String taskType, String taskState, int numProcessed, int numProcessing, int numPending,
        double progress, String progressMessage, Instant lastProgressUpdate, List<TaskItemStatus> items) {
    public TaskStatus {
        items = TaskItems.copyOf(items);
    }
}
