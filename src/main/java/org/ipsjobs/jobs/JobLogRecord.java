package org.ipsjobs.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The log a finished run leaves behind: its summary counts and its detail lines. Immutable.
 *
 * @param id unique among logs, increasing in the order logs were written
 * @param job the job that ran
 * @param startDate when the run started
 * @param endDate when it ended
 * @param successCount items that succeeded
 * @param errorCount items that failed
 * @param warningCount items that succeeded with a warning
 * @param totalCount items the run set out to process
 * @param fatalError true when the run ended on an error rather than by finishing or being stopped
 * @param details the log lines, in the order written
 */
public record JobLogRecord(long id, JobDefinition job, Instant startDate, Instant endDate, int successCount,
        int errorCount, int warningCount, int totalCount, boolean fatalError, List<LogDetail> details) {

    public JobLogRecord {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        details = List.copyOf(details);
    }

    public String companyHandle() {
        return job.companyHandle();
    }

    public String jobHandle() {
        return job.handle().value();
    }

    /** The log type that labels the whole log: the job kind's begin type. */
    public String logType() {
        return job.type().logFamily().begin();
    }
}
