package org.ipsjobs.run.upload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The inbox of each UploadFile job that still takes files, by job handle. Thread-safe. */
public final class UploadInboxes {

    private final Map<String, UploadInbox> inboxes = new ConcurrentHashMap<>();

    public void open(String jobHandle, UploadInbox inbox) {
        inboxes.put(jobHandle, inbox);
    }

    public Optional<UploadInbox> find(String jobHandle) {
        return Optional.ofNullable(inboxes.get(jobHandle));
    }

    public void remove(String jobHandle, UploadInbox inbox) {
        inboxes.remove(jobHandle, inbox);
    }
}
