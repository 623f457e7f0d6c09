package org.ipsjobs.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A submitJob request as the domain sees it, before any rule is checked.
 *
 * @param companyHandle the company to run the job in
 * @param userHandle the user to notify instead of the caller, or null
 * @param jobName the requested name (made unique within the company on submission)
 * @param locale the locale for the job's log messages, or null for the caller's
 * @param execTime when to run once, or null
 * @param execSchedule a recurring schedule, or null
 * @param description free text, or null
 * @param details every job-detail element present in the request (valid only when exactly one)
 */
public record JobRequest(String companyHandle, String userHandle, String jobName, String locale,
        Instant execTime, String execSchedule, String description, List<JobDetail> details) {
    public JobRequest {
        details = List.copyOf(details);
    }
}
