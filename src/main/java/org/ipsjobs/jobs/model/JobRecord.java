package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A submitted job as the store keeps it: what to do and when. Immutable; changed by storing a next
 * version ({@link #version} one higher), so a store can refuse a change made on a stale copy.
 *
 * @param handle the job's handle
 * @param version 1 when first stored, one more with each change
 * @param submitUserEmail who submitted it
 * @param notifyUser the user to notify, when the request named one
 * @param locale the locale for its log messages, or null
 * @param description free text, or null
 * @param timing when it runs
 * @param parameters what it does
 * @param submittedAt when it was accepted
 */
public record JobRecord(JobHandle handle, long version, String submitUserEmail, String notifyUser, String locale,
        String description, ExecTiming timing, JobParameters parameters, Instant submittedAt) {

    public JobRecord {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(submitUserEmail, "submitUserEmail");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    public String companyHandle() {
        return handle.companyHandle();
    }

    /** The job's name, as submitted (unique among the jobs its company holds). */
    public String name() {
        return handle.name();
    }

    public JobType type() {
        return parameters.type();
    }
}
