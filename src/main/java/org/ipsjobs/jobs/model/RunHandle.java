package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Identifies one run (instance) of a job, in the form the real IPS issues:
 * {@code j|<company id>||<instance name>|<run id>}, where the instance name is the job's name and the
 * moment the run was triggered ({@code j|110||upload_2011-03-30-14:32:08.834|5129821}).
 *
 * @param job the job this is a run of
 * @param instanceName the job's name, an underscore and the trigger time
 * @param runId unique among all runs, increasing
 * @param value the handle as clients see it
 */
public record RunHandle(JobHandle job, String instanceName, long runId, String value) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd-HH:mm:ss.SSS");

    public RunHandle {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(value, "value");
    }

    /** The handle of run {@code runId} of the job, triggered at the instant (written in the zone). */
    public static RunHandle of(JobHandle job, long runId, Instant triggered, ZoneId zone) {
        String instance = job.name() + "_" + STAMP.format(triggered.atZone(zone));
        return new RunHandle(job, instance, runId,
                "j|" + JobHandle.companyId(job.companyHandle()) + "||" + instance + "|" + runId);
    }

    @Override
    public String toString() {
        return value;
    }
}
