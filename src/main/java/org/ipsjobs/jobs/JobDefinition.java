package org.ipsjobs.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A submitted job: what to do and when. Immutable; each run of the job is a {@link JobRun}.
 *
 * @param handle the job's handle
 * @param originalName the name as submitted, before it was made unique
 * @param submitUserEmail who submitted it
 * @param notifyUser the user to notify, when the request named one
 * @param locale the locale for its log messages, or null
 * @param description free text, or null
 * @param timing when it runs
 * @param detail the job-specific part
 * @param submittedAt when it was accepted
 */
public record JobDefinition(JobHandle handle, String originalName, String submitUserEmail, String notifyUser,
        String locale, String description, ExecTiming timing, JobDetail detail, Instant submittedAt) {

    public JobDefinition {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(originalName, "originalName");
        Objects.requireNonNull(submitUserEmail, "submitUserEmail");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    public String companyHandle() {
        return handle.companyHandle();
    }

    /** The unique name within the company. */
    public String name() {
        return handle.name();
    }

    public JobType type() {
        return detail.type();
    }

    public List<WorkItem> workItems() {
        return detail.workItems();
    }
}
