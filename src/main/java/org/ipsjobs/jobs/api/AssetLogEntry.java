package org.ipsjobs.jobs.api;

import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogRecord;

/**
 * A log line about one asset, with the log it belongs to.
 *
 * @param log the job log
 * @param detail the line
 */
public record AssetLogEntry(LogRecord log, LogDetail detail) {
}
