package org.ipsjobs.run.upload;

import org.ipsjobs.jobs.model.LogMessage;

/** A fetch that did not deliver a file; the message, from the catalog, says why in words a person acts on. */
public final class FetchException extends Exception {

    private final transient LogMessage logMessage;

    public FetchException(LogMessage logMessage) {
        super(logMessage.key() + " " + logMessage.args());
        this.logMessage = logMessage;
    }

    public LogMessage logMessage() {
        return logMessage;
    }
}
