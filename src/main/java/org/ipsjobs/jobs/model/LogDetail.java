package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One line of a job log. Immutable.
 *
 * <p>A finished job keeps its log lines as long as it is listed, so a million jobs keep millions of
 * them: the message is stored flat (its key, and its one argument or an array of several) instead of
 * as a {@link LogMessage} holding a list, which saved about a third of a line's memory. {@link
 * #message()} builds the LogMessage when a line is read.
 */
public final class LogDetail {

    private final String logType;
    private final String messageKey;
    private final Object messageArgs; // null (none), a String (one) or a String[] (several)
    private final Instant dateCreated;
    private final String assetName;
    private final String assetType;
    private final String assetHandle;

    /**
     * @param logType a Job Log Types constant
     * @param message what happened, rendered in the reader's locale
     * @param dateCreated when it was written
     * @param assetName the file or asset the line is about, or null
     * @param assetType a Job Log File Types constant, or null
     * @param assetHandle the asset's handle, or null
     */
    public LogDetail(String logType, LogMessage message, Instant dateCreated, String assetName, String assetType,
            String assetHandle) {
        this.logType = Objects.requireNonNull(logType, "logType");
        Objects.requireNonNull(message, "message");
        this.dateCreated = Objects.requireNonNull(dateCreated, "dateCreated");
        this.messageKey = message.key();
        List<String> args = message.args();
        this.messageArgs = args.isEmpty() ? null : args.size() == 1 ? args.get(0) : args.toArray(String[]::new);
        this.assetName = assetName;
        this.assetType = assetType;
        this.assetHandle = assetHandle;
    }

    public String logType() {
        return logType;
    }

    public LogMessage message() {
        if (messageArgs == null) {
            return new LogMessage(messageKey, List.of());
        }
        return messageArgs instanceof String one ? new LogMessage(messageKey, List.of(one))
                : new LogMessage(messageKey, List.of((String[]) messageArgs));
    }

    public Instant dateCreated() {
        return dateCreated;
    }

    public String assetName() {
        return assetName;
    }

    public String assetType() {
        return assetType;
    }

    public String assetHandle() {
        return assetHandle;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogDetail d && logType.equals(d.logType) && messageKey.equals(d.messageKey)
                && Objects.deepEquals(messageArgs, d.messageArgs) && dateCreated.equals(d.dateCreated)
                && Objects.equals(assetName, d.assetName) && Objects.equals(assetType, d.assetType)
                && Objects.equals(assetHandle, d.assetHandle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(logType, messageKey, messageArgs instanceof String[] many ? Arrays.hashCode(many)
                : messageArgs, dateCreated, assetName, assetType, assetHandle);
    }

    @Override
    public String toString() {
        return "LogDetail[logType=" + logType + ", message=" + message() + ", dateCreated=" + dateCreated
                + ", assetName=" + assetName + ", assetType=" + assetType + ", assetHandle=" + assetHandle + "]";
    }
}
