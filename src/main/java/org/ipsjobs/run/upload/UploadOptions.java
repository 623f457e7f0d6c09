package org.ipsjobs.run.upload;

import org.ipsjobs.jobs.model.Options;

/**
 * The options of an upload job that decide what happens to the files (the rest are kept and shown).
 *
 * @param overwrite replace an asset already at the path
 * @param readyForPublish mark the new assets for publishing
 */
public record UploadOptions(boolean overwrite, boolean readyForPublish) {

    static UploadOptions of(Options options) {
        return new UploadOptions(flag(options, "overwrite"), flag(options, "readyForPublish"));
    }

    private static boolean flag(Options options, String name) {
        return options.get(name).map(o -> "true".equalsIgnoreCase(o.text()) || "1".equals(o.text())).orElse(false);
    }
}
