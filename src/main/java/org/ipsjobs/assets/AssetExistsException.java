package org.ipsjobs.assets;

/** An asset is already stored at the path, and replacing it was not asked for. */
public final class AssetExistsException extends Exception {

    private final Asset existing;

    public AssetExistsException(Asset existing) {
        super("an asset already exists at " + existing.path());
        this.existing = existing;
    }

    public Asset existing() {
        return existing;
    }
}
