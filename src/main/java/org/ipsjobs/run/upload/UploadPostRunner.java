package org.ipsjobs.run.upload;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.ContentInspector;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

/**
 * Runs an UploadPostJob, the job behind the UploadFile servlet: stores the files of each POST as they
 * arrive, and between POSTs waits in the WaitingClient state. It ends when the client's last POST
 * said endJob and its files are stored, or when no POST came for the post timeout (on the service
 * clock), or when it is stopped; files posted but not stored by then are deleted.
 */
public final class UploadPostRunner implements JobRunner {

    private final UploadInboxes inboxes;
    private final AssetPlacer placer;
    private final Supplier<Duration> postTimeout;

    public UploadPostRunner(UploadInboxes inboxes, AssetStore assets, ContentInspector inspector,
            Supplier<Duration> postTimeout) {
        this.inboxes = inboxes;
        this.placer = new AssetPlacer(assets, inspector);
        this.postTimeout = postTimeout;
    }

    @Override
    public boolean findsItsOwnItems() {
        return true;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        UploadInbox inbox = inboxes.find(context.jobHandle()).orElse(null);
        if (inbox == null) {
            return; // nothing can reach it any more (its POST failed after the job was made)
        }
        UploadOptions options = UploadOptions.of(context.parameters().options());
        try {
            while (!context.stopRequested()) {
                List<UploadInbox.Arrival> arrived = inbox.drain();
                for (UploadInbox.Arrival file : arrived) {
                    if (context.stopRequested()) {
                        AssetPlacer.deleteQuietly(file.staged());
                        continue;
                    }
                    int index = context.addItem(file.name());
                    context.itemStarted(index);
                    placer.place(context, index, file.name(), file.path(), file.staged(), null, options);
                }
                if (!arrived.isEmpty()) {
                    continue;
                }
                if (inbox.ended()) {
                    if (closed(inbox)) {
                        return;
                    }
                    continue;
                }
                Duration timeout = postTimeout.get();
                Instant lastPost = inbox.lastPost();
                if (context.waitForClient(lastPost.plus(timeout), inbox::hasWork) || context.stopRequested()
                        || !inbox.lastPost().equals(lastPost)) {
                    continue; // files, the end, a stop, or a POST without files that restarts the wait
                }
                if (closed(inbox)) {
                    context.jobWarning(LogMessage.of("upload.postTimeout", context.jobName(),
                            String.valueOf(timeout.toMinutes())));
                    return;
                }
            }
        } finally {
            List<UploadInbox.Arrival> left = inbox.close(true);
            left.forEach(a -> AssetPlacer.deleteQuietly(a.staged()));
            inboxes.remove(context.jobHandle(), inbox);
        }
    }

    /** Closes the inbox unless a POST slipped in; then there is more to store first. */
    private static boolean closed(UploadInbox inbox) {
        return inbox.close(false) != null;
    }
}
