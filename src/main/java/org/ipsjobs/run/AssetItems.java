package org.ipsjobs.run;

import java.io.IOException;
import java.util.List;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.jobs.model.WorkItem;

/**
 * The walk every job over named assets makes (export, PDF rip, reprocess): item by item, stopping
 * when asked, with a handle that names no asset of the job's company failed with one line that says
 * so, and each asset found handed to the job's own work.
 */
public final class AssetItems {

    private AssetItems() {
    }

    /** A job's work on one asset; returns false to end the walk there. */
    @FunctionalInterface
    public interface Work {
        boolean on(int index, Asset asset) throws IOException;
    }

    /**
     * @return true when every item was walked; false when a stop or the work ended the walk early
     */
    public static boolean each(RunContext context, AssetStore assets, Work work) throws IOException {
        List<WorkItem> items = context.items();
        for (int i = 0; i < items.size(); i++) {
            if (context.stopRequested()) {
                return false;
            }
            context.itemStarted(i);
            Asset asset = assets.asset(context.companyHandle(), items.get(i).assetHandle()).orElse(null);
            if (asset == null) {
                context.itemFailed(i, LogMessage.of("item.noAsset", items.get(i).name(), context.companyHandle()));
            } else if (!work.on(i, asset)) {
                return false;
            }
        }
        return true;
    }
}
