package org.ipsjobs.jobs;

/**
 * A log line about an asset, with the log it belongs to.
 *
 * @param log the job log
 * @param detail the line about the asset
 */
public record AssetLogEntry(JobLogRecord log, LogDetail detail) {
}
