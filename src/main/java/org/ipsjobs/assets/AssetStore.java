package org.ipsjobs.assets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where assets live: their files, per company, and the index of what they are. Runners stage a
 * file first and then commit it, so a file that is not complete is never seen as an asset, and a
 * stopped or failed job leaves nothing behind. Thread-safe.
 */
public interface AssetStore {

    /** The asset with this handle in the company. */
    Optional<Asset> asset(String companyHandle, String handle);

    /** The asset at this path in the company. */
    Optional<Asset> assetAt(String companyHandle, AssetPath path);

    /** Every asset of the company, ordered by path. */
    List<Asset> assets(String companyHandle);

    /**
     * A new, empty file to write content into before it is committed; on the store's file system, so
     * the commit is a rename. Deleting it is the caller's part when it is not committed.
     */
    Path stage() throws IOException;

    /**
     * Makes the staged file the asset at the path: a new asset, or, when {@code replace} is set, the new
     * content of the one there (which keeps its handle). The staged file is moved, not copied.
     *
     * @throws AssetExistsException when an asset is at the path and replace is not set; the staged
     *         file is left for the caller to delete
     */
    Asset commit(String companyHandle, AssetPath path, Path staged, FileFacts facts, boolean readyForPublish,
            boolean replace) throws AssetExistsException, IOException;

    /** Stores a change of an asset's record (its publish state) made from the version it was read at. */
    Asset update(Asset next) throws IOException;

    /** The file of an asset, for reading. */
    Path file(Asset asset);

    /**
     * Where a file derived from the asset's current content is kept (an optimized copy, for one): a
     * path outside the company's asset folder whose name changes with the content, so a derived file
     * that exists belongs to the content the asset has now. The caller writes it; {@link #clear()}
     * deletes them all.
     *
     * @param extension the derived file's extension, without the dot
     */
    Path derivedFile(Asset asset, String extension);

    /** Forgets every asset and deletes every file (the admin API's reset). */
    void clear() throws IOException;
}
