package org.ipsjobs.assets;

import java.time.Instant;
import java.util.Objects;

/**
 * An asset as the store keeps it: a plain, immutable record of a file in a company's folder and
 * what is known about it. A change makes a new record with the next version.
 *
 * @param handle unique, {@code a|<company id>|<number>}
 * @param companyHandle the company it belongs to
 * @param path where its file is, below the company's folder
 * @param facts what its content is (type, size, checksum, dimensions, pages)
 * @param created when it was first stored
 * @param modified when its file was last replaced
 * @param readyForPublish whether publish jobs take it
 * @param publishedAt when a publish last copied it, or null
 * @param publishedSha256 the checksum of the content that publish copied, or null
 * @param version 1 when created, one more with each change
 */
public record Asset(String handle, String companyHandle, AssetPath path, FileFacts facts, Instant created,
        Instant modified, boolean readyForPublish, Instant publishedAt, String publishedSha256, long version) {

    public Asset {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(companyHandle, "companyHandle");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(facts, "facts");
    }

    /** The IPS publish state: MarkedForPublish when publish jobs take it. */
    public String publishState() {
        return readyForPublish ? "MarkedForPublish" : "NotMarkedForPublish";
    }

    /** Whether the content changed since a publish last copied it (or was never published). */
    public boolean changedSincePublish() {
        return publishedSha256 == null || !publishedSha256.equals(facts.sha256());
    }

    /** This asset, published now with its current content. */
    public Asset published(Instant at) {
        return new Asset(handle, companyHandle, path, facts, created, modified, readyForPublish, at, facts.sha256(),
                version + 1);
    }

    /** This asset with new content (the file was replaced). */
    public Asset replaced(FileFacts newFacts, boolean ready, Instant at) {
        return new Asset(handle, companyHandle, path, newFacts, created, at, ready, publishedAt, publishedSha256,
                version + 1);
    }
}
