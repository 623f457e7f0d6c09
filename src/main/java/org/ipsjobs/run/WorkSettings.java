package org.ipsjobs.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.ipsjobs.run.FetchLimits;
import org.ipsjobs.run.OutboundPolicy;

/**
 * How jobs do their work: with the real runners on files, or simulated; where files live; what an
 * upload may fetch.
 *
 * @param runner real runners (the default) or the simulated one for pure protocol tests and benchmarks
 * @param assetsRoot where the asset store keeps each company's folder
 * @param dropRoot where UploadDirectoryJob finds each company's files (IPS's FTP area)
 * @param publishRoot where publish jobs copy assets to
 * @param exportRoot where export jobs write their zip files
 * @param maxImagePixels the most pixels an uploaded image may claim (width times height)
 * @param fetch what one URL fetch may cost
 * @param outbound which hosts uploads may fetch from
 * @param postTimeout how long an UploadFile job waits for its next POST before it ends
 * @param maxFilesPerPost most file parts one UploadFile POST may carry
 * @param maxPostBytes largest UploadFile POST body
 * @param simulated job types walked by the simulated runner even with the real runners on
 */
public record WorkSettings(Runner runner, Path assetsRoot, Path dropRoot, Path publishRoot, Path exportRoot,
        long maxImagePixels, FetchLimits fetch, OutboundPolicy outbound, Duration postTimeout, int maxFilesPerPost, long maxPostBytes,
        java.util.Set<org.ipsjobs.jobs.model.JobType> simulated) {

    /** Which runners do the work. */
    public enum Runner { REAL, SIMULATED }

    public WorkSettings {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(assetsRoot, "assetsRoot");
        Objects.requireNonNull(dropRoot, "dropRoot");
        Objects.requireNonNull(publishRoot, "publishRoot");
        Objects.requireNonNull(exportRoot, "exportRoot");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(postTimeout, "postTimeout");
        simulated = java.util.Set.copyOf(simulated);
    }

    /** 500 megapixels: more than any camera makes, far less than a decompression bomb claims. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 500_000_000L;

    public static WorkSettings defaults() {
        return new WorkSettings(Runner.REAL, Path.of("ips-data"), Path.of("ips-drop"), Path.of("ips-publish"),
                Path.of("ips-export"), DEFAULT_MAX_IMAGE_PIXELS, FetchLimits.defaults(), OutboundPolicy.defaults(),
                Duration.ofMinutes(30), 100, 2L * 1024 * 1024 * 1024, java.util.Set.of());
    }

    /** These settings with the other runner. */
    public WorkSettings withRunner(Runner newRunner) {
        return new WorkSettings(newRunner, assetsRoot, dropRoot, publishRoot, exportRoot, maxImagePixels, fetch,
                outbound, postTimeout, maxFilesPerPost, maxPostBytes, simulated);
    }

    /** These settings with every folder under one directory (tests give each server its own). */
    public WorkSettings under(Path dir) {
        return new WorkSettings(runner, dir.resolve("ips-data"), dir.resolve("ips-drop"), dir.resolve("ips-publish"),
                dir.resolve("ips-export"), maxImagePixels, fetch, outbound, postTimeout, maxFilesPerPost, maxPostBytes, simulated);
    }

    public WorkSettings withFetch(FetchLimits newFetch) {
        return new WorkSettings(runner, assetsRoot, dropRoot, publishRoot, exportRoot, maxImagePixels, newFetch,
                outbound, postTimeout, maxFilesPerPost, maxPostBytes, simulated);
    }
}
