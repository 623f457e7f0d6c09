package org.ipsjobs.run.upload;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.ipsjobs.assets.AssetPath;

/**
 * The files posted to one UploadFile job and not yet stored, and whether its client has said it is
 * done (endJob). The servlet's requests add to it; the job's runner takes from it. Once the runner
 * has closed it, a late POST is refused rather than lost. Thread-safe.
 */
public final class UploadInbox {

    /** A posted file, staged, and where it is to go. */
    public record Arrival(AssetPath path, Path staged, String name) {
    }

    private final String clientAddress;
    private final Deque<Arrival> waiting = new ArrayDeque<>();
    private boolean ended;
    private boolean closed;
    private Instant lastPost;

    public UploadInbox(String clientAddress, Instant opened) {
        this.clientAddress = clientAddress;
        this.lastPost = opened;
    }

    /** The address the job's first POST came from. */
    public String clientAddress() {
        return clientAddress;
    }

    /**
     * Hands a POST's files to the job.
     *
     * @return false when the job has ended already (the files were not taken)
     */
    public synchronized boolean offer(List<Arrival> files, boolean endJob, Instant at) {
        if (closed) {
            return false;
        }
        waiting.addAll(files);
        ended |= endJob;
        lastPost = at;
        return true;
    }

    /** The files waiting, which the caller now owns. */
    public synchronized List<Arrival> drain() {
        List<Arrival> out = new ArrayList<>(waiting);
        waiting.clear();
        return out;
    }

    /** Whether the runner has something to do: files waiting, or the client's end. */
    public synchronized boolean hasWork() {
        return !waiting.isEmpty() || ended;
    }

    public synchronized boolean ended() {
        return ended;
    }

    public synchronized Instant lastPost() {
        return lastPost;
    }

    /**
     * Closes the inbox when nothing waits in it (or whatever waits, when {@code force}): from now on
     * POSTs are refused.
     *
     * @return the files that were still waiting (the caller deletes them), or null when files arrived
     *         and the inbox stays open
     */
    public synchronized List<Arrival> close(boolean force) {
        if (!force && !waiting.isEmpty()) {
            return null;
        }
        closed = true;
        return drain();
    }

    public synchronized boolean isClosed() {
        return closed;
    }
}
