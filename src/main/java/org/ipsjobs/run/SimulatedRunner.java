package org.ipsjobs.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import org.ipsjobs.jobs.model.WorkItem;

/**
 * Stands in for every job type until real runners exist: it walks the job's items one by one at the
 * configured pace, reporting each as started and then done. Items that cannot be valid for any real
 * runner are failed with a reason (an upload URL that is not http or https), so job logs show both
 * outcomes. It touches no network and no files.
 */
public final class SimulatedRunner implements JobRunner {

    @Override
    public void run(RunContext context) throws InterruptedException {
        List<WorkItem> items = context.items();
        for (int i = 0; i < items.size(); i++) {
            if (context.stopRequested()) {
                return;
            }
            context.itemStarted(i);
            if (!context.pace()) {
                return; // stopped while working on the item: it stays unfinished
            }
            String problem = problemWith(items.get(i).name());
            if (problem == null) {
                context.itemSucceeded(i);
            } else {
                context.itemFailed(i, problem);
            }
        }
    }

    /** Why an item cannot be processed, or null when it can. */
    static String problemWith(String item) {
        if (!item.contains("://")) {
            return null; // an asset handle, file name or synthetic item
        }
        try {
            URI uri = new URI(item);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "only http and https URLs can be fetched";
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "the URL has no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "the URL is malformed";
        }
    }
}
