package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One line of a job log. Immutable.
 *
 * <p>A log keeps its lines flat ({@link LogLines}) and builds these when they are read. The message is
 * held as its key and its one argument or an array of several, the form a log stores it in; {@link
 * #message()} builds the {@link LogMessage}.
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

    /** A line from the parts a log stores; the message arguments as {@link #messageArgs()} gives them. */
    LogDetail(String logType, String messageKey, Object messageArgs, Instant dateCreated, String assetName,
            String assetType, String assetHandle) {
        this.logType = logType;
        this.messageKey = messageKey;
        this.messageArgs = messageArgs;
        this.dateCreated = dateCreated;
        this.assetName = assetName;
        this.assetType = assetType;
        this.assetHandle = assetHandle;
    }

    String messageKey() {
        return messageKey;
    }

    /** The message's arguments: null when none, the String when one, a String[] when several. */
    Object messageArgs() {
        return messageArgs;
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
