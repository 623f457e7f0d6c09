package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a job log.
 *
 * @param logType a Job Log Types constant
 * @param message what happened, rendered in the reader's locale
 * @param dateCreated when it was written
 * @param assetName the file or asset the line is about, or null
 * @param assetType a Job Log File Types constant, or null
 * @param assetHandle the asset's handle, or null
 */
public record LogDetail(String logType, LogMessage message, Instant dateCreated, String assetName,
        String assetType, String assetHandle) {
    public LogDetail {
        Objects.requireNonNull(logType, "logType");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dateCreated, "dateCreated");
    }
}
