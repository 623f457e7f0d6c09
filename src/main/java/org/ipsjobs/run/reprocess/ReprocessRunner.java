package org.ipsjobs.run.reprocess;

import java.io.IOException;
import java.time.Clock;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.ContentInspector;
import org.ipsjobs.assets.FileAssetStore;
import org.ipsjobs.assets.FileFacts;
import org.ipsjobs.assets.UnsupportedContentException;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.AssetItems;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

/**
 * Runs ReprocessAssetsJob: reads each given asset's file again and brings its record up to date
 * (type, size, checksum, dimensions, pages), as the upload that made it would have, and applies the
 * job's readyForPublish when it sends one. A file that changed on disk is so taken in; one that is no
 * longer readable is an error line and its record stays. The processing options of IPS's image server
 * (crops, masks, colour) have no equivalent here and are kept only.
 */
public final class ReprocessRunner implements JobRunner {

    private final AssetStore assets;
    private final ContentInspector inspector;
    private final Clock clock;

    public ReprocessRunner(AssetStore assets, ContentInspector inspector, Clock clock) {
        this.assets = assets;
        this.inspector = inspector;
        this.clock = clock;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        String ready = context.parameters().options().get("readyForPublish").map(o -> o.text()).orElse(null);
        try {
            AssetItems.each(context, assets, (i, asset) -> {
                reprocess(context, i, asset, ready);
                return true;
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reprocess() reports its own
        }
    }

    private void reprocess(RunContext context, int i, Asset asset, String ready) {
        try {
            FileFacts facts = inspector.inspect(assets.file(asset), FileAssetStore.sha256Of(assets.file(asset)));
            boolean readyNow = ready == null ? asset.readyForPublish() : Boolean.parseBoolean(ready.trim());
            boolean changed = !facts.equals(asset.facts());
            Asset now = asset;
            if (changed || readyNow != asset.readyForPublish()) {
                now = assets.update(changed ? asset.replaced(facts, readyNow, clock.instant())
                        : asset.replaced(asset.facts(), readyNow, asset.modified()));
            }
            context.itemSucceeded(i, now.handle(), LogMessage.of(changed ? "reprocess.changed" : "reprocess.same",
                    now.path().relative(), facts.type(), String.valueOf(facts.size())));
        } catch (IOException | UnsupportedContentException e) {
            context.itemFailed(i, LogMessage.of("reprocess.failed", asset.path().relative(),
                    String.valueOf(e.getMessage())));
        }
    }
}
