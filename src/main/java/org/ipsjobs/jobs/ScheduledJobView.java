package org.ipsjobs.jobs;

import org.ipsjobs.schedule.TriggerInfo;

/**
 * A job waiting for its trigger, with the trigger's state as the scheduler reports it.
 *
 * @param job the job
 * @param trigger its trigger
 */
public record ScheduledJobView(JobDefinition job, TriggerInfo trigger) {
}
