package org.ipsjobs.jobs.api;

import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogRecord;

/**
 * A log line about one asset, with the log it belongs to.
 *
 * @param log the job log
 * @param line the line's position among the log's details
 */
public record AssetLogEntry(LogRecord log, int line) {

    /** The line itself. */
    public LogDetail detail() {
        return log.details().get(line);
    }
}
