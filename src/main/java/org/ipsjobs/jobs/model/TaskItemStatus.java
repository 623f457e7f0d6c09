package org.ipsjobs.jobs.model;

import java.time.Instant;

/**
 * Progress of one work item, as reported in TaskItemProgress.
 *
 * @param itemName the item (URL, asset handle or file name)
 * @param progress the fraction done, 0.0 to 1.0 (as TaskProgress carries it on the wire)
 * @param progressMessage what is happening to it
 * @param lastProgressUpdate when it last changed
 */
public record TaskItemStatus(String itemName, double progress, String progressMessage, Instant lastProgressUpdate) {
}
