package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The log a finished run leaves behind: what the log operations report of it, its summary counts and
 * its detail lines. It keeps only what logs need of the job. Immutable.
 *
 * @param id unique among logs, increasing in the order logs were written
 * @param run the run that wrote it
 * @param submitUserEmail who submitted the job
 * @param locale the job's locale for log messages, or null
 * @param description the job's description, or null
 * @param type the kind of job
 * @param subType the job's sub type (a publish type), or an empty string
 * @param startDate when the run started
 * @param endDate when it ended
 * @param successCount items that succeeded
 * @param errorCount items that failed
 * @param warningCount items that succeeded with a warning
 * @param totalCount items the run set out to process
 * @param fatalError true when the run ended on an error rather than by finishing or being stopped
 * @param details the log lines, in the order written
 */
public record LogRecord(long id, RunHandle run, String submitUserEmail, String locale, String description,
        JobType type, String subType, Instant startDate, Instant endDate, int successCount, int errorCount,
        int warningCount, int totalCount, boolean fatalError, List<LogDetail> details) {

    public LogRecord {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(submitUserEmail, "submitUserEmail");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        subType = subType == null ? "" : subType;
        details = LogLines.copyOf(details, run.job());
    }

    public String companyHandle() {
        return run.job().companyHandle();
    }

    /** The handle of the run the log is of (the handle clients see in the log). */
    public String jobHandle() {
        return run.value();
    }

    /** The run's name: the job's name and its trigger time. */
    public String jobName() {
        return run.instanceName();
    }

    /** The job's name as submitted. */
    public String originalName() {
        return run.job().name();
    }

    /** The log type that labels the whole log: the job kind's begin type. */
    public String logType() {
        return type.logFamily().begin();
    }
}
