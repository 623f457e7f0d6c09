package org.ipsjobs.jobs.api;

import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.schedule.TriggerInfo;

/**
 * A job waiting for its trigger, as getScheduledJobs reports it.
 *
 * @param job the job
 * @param trigger its trigger's next fire time and state
 */
public record ScheduledJobView(JobRecord job, TriggerInfo trigger) {
}
