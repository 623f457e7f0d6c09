package org.ipsjobs.jobs.model;

import java.util.Objects;

/**
 * One thing a job works through.
 *
 * @param name what the item is called in progress reports and logs (a URL, a file or asset name)
 * @param assetHandle the asset the item is about, when it already exists; null for items that
 *        become new assets (uploads) or are not assets at all
 */
public record WorkItem(String name, String assetHandle) {
    public WorkItem {
        Objects.requireNonNull(name, "name");
    }

    public static WorkItem named(String name) {
        return new WorkItem(name, null);
    }

    public static WorkItem asset(String assetHandle) {
        return new WorkItem(assetHandle, assetHandle);
    }
}
