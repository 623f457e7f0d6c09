package org.ipsjobs.jobs.api;

import java.time.Instant;
import java.util.List;

import org.ipsjobs.jobs.model.JobParameters;

/**
 * A submitJob request as the domain sees it, before any rule is checked.
 *
 * @param companyHandle the company to run the job in
 * @param userHandle the user to notify instead of the caller, or null
 * @param jobName the name (unique among the jobs the company holds)
 * @param locale the locale for the job's log messages, or null for the caller's
 * @param execTime when to run once, or null
 * @param execSchedule a recurring schedule, or null
 * @param description free text, or null
 * @param parameters every job-detail element present in the request (valid only when exactly one)
 */
public record JobRequest(String companyHandle, String userHandle, String jobName, String locale,
        Instant execTime, String execSchedule, String description, List<JobParameters> parameters) {
    public JobRequest {
        parameters = List.copyOf(parameters);
    }
}
