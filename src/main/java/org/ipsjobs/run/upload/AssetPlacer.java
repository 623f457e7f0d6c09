package org.ipsjobs.run.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetExistsException;
import org.ipsjobs.assets.AssetPath;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.ContentInspector;
import org.ipsjobs.assets.FileFacts;
import org.ipsjobs.assets.UnsafePathException;
import org.ipsjobs.assets.UnsupportedContentException;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.RunContext;

/**
 * The last step of every upload, whatever brought the file: recognise the staged file, store it at its
 * path (replacing an asset there only when the job overwrites), and report the item's outcome. The
 * staged file is gone afterwards, stored or deleted.
 */
final class AssetPlacer {

    private final AssetStore assets;
    private final ContentInspector inspector;

    AssetPlacer(AssetStore assets, ContentInspector inspector) {
        this.assets = assets;
        this.inspector = inspector;
    }

    /**
     * @param source what the item is called in its log lines (a URL, a posted file's name)
     * @param sha256 the staged file's checksum, or null to compute it here
     */
    void place(RunContext context, int index, String source, AssetPath path, Path staged, String sha256,
            UploadOptions options) {
        try {
            String checksum = sha256 != null ? sha256 : org.ipsjobs.assets.FileAssetStore.sha256Of(staged);
            FileFacts facts = inspector.inspect(staged, checksum);
            Asset stored = assets.commit(context.companyHandle(), path, staged, facts, options.readyForPublish(),
                    options.overwrite());
            context.itemSucceeded(index, stored.handle(), LogMessage.of(stored.version() > 1 ? "upload.replaced"
                    : "upload.created", source, path.relative(), stored.handle(), facts.type(),
                    String.valueOf(facts.size())));
        } catch (UnsupportedContentException e) {
            context.itemFailed(index, LogMessage.of("upload.unsupported", source, e.getMessage()));
        } catch (AssetExistsException e) {
            exists(context, index, source, path, e.existing());
        } catch (UnsafePathException e) {
            context.itemFailed(index, LogMessage.of("upload.badName", source, e.getMessage()));
        } catch (IOException e) {
            context.itemFailed(index, LogMessage.of("upload.storeFailed", source, String.valueOf(e.getMessage())));
        } finally {
            deleteQuietly(staged);
        }
    }

    /** The item's file would clash with an asset, and the job does not overwrite: a warning. */
    static void exists(RunContext context, int index, String source, AssetPath path, Asset existing) {
        context.itemWarning(index, existing.handle(), LogMessage.of("upload.exists", source, path.relative(),
                existing.handle()));
    }

    static void deleteQuietly(Path staged) {
        if (staged != null) {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException e) {
                // left in the staging folder, which is emptied at the next start
            }
        }
    }
}
