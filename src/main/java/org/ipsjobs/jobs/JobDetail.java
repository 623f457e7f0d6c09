package org.ipsjobs.jobs;

import java.util.List;
import java.util.Objects;

/**
 * The job-specific part of a submitted job.
 *
 * @param type the kind of job
 * @param subType a refinement of the kind, reported as the log's jobSubType (an image serving
 *        publish job's publish type), or an empty string
 * @param payload the job-detail element as the API layer received it; the domain never looks inside,
 *        it only hands it back when the job is listed
 * @param workItems the items the job works through, in order; empty when the detail names none
 */
public record JobDetail(JobType type, String subType, Object payload, List<WorkItem> workItems) {
    public JobDetail {
        Objects.requireNonNull(type, "type");
        subType = subType == null ? "" : subType;
        workItems = List.copyOf(workItems);
    }
}
