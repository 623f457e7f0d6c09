package org.ipsjobs.run.upload;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.ipsjobs.assets.Asset;
import org.ipsjobs.assets.AssetPath;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.ContentInspector;
import org.ipsjobs.assets.UnsafePathException;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunContext;

/**
 * Runs UploadUrlsJob: fetches each URL, recognises the file by its content, and stores it as an
 * asset in the job's destination folder. An asset already at that path is replaced only when the job
 * says overwrite; otherwise the item ends with a warning and the asset stays as it was. Nothing is
 * stored for an item that fails or is stopped: its file is staged and deleted.
 */
public final class UrlUploadRunner implements JobRunner {

    /** An encoded slash, backslash or NUL in a URL's file name. */
    private static final java.util.regex.Pattern HIDDEN_SEPARATOR = java.util.regex.Pattern.compile("%(2f|5c|00)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private final AssetStore assets;
    private final UrlFetcher fetcher;
    private final AssetPlacer placer;
    private final CompanyRoots roots;

    /** A company's root path ({@code Acme/}), which clients may put in front of folder paths. */
    @FunctionalInterface
    public interface CompanyRoots {
        String rootPath(String companyHandle);
    }

    public UrlUploadRunner(AssetStore assets, UrlFetcher fetcher, ContentInspector inspector, CompanyRoots roots) {
        this.assets = assets;
        this.fetcher = fetcher;
        this.placer = new AssetPlacer(assets, inspector);
        this.roots = roots;
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
        JobParameters.UploadUrls job = (JobParameters.UploadUrls) context.parameters();
        UploadOptions options = UploadOptions.of(job.options());
        String company = context.companyHandle();
        String rootPath = roots.rootPath(company);
        for (int i = 0; i < job.urls().size(); i++) {
            if (context.stopRequested()) {
                return;
            }
            context.itemStarted(i);
            upload(context, i, job.urls().get(i), company, rootPath, options);
        }
    }

    private void upload(RunContext context, int index, JobParameters.UrlSource source, String company,
            String rootPath, UploadOptions options) throws InterruptedException {
        String url = source.sourceUrl();
        AssetPath path;
        try {
            List<String> folder = AssetPath.folder("destPath", source.destPath(), rootPath);
            path = AssetPath.of("sourceUrl", folder, fileName(url), null);
        } catch (UnsafePathException e) {
            context.itemFailed(index, LogMessage.of("upload.badName", url, e.getMessage()));
            return;
        }
        Asset existing = assets.assetAt(company, path).orElse(null);
        if (existing != null && !options.overwrite()) {
            AssetPlacer.exists(context, index, url, path, existing);
            return;
        }
        Path staged = null;
        try {
            staged = assets.stage();
            UrlFetcher.Fetched fetched = fetcher.fetch(url, staged, bytes -> context.itemProgress(index, 0.5,
                    SizeWords.of(bytes) + " received"), context::stopRequested);
            Path fetchedFile = staged;
            staged = null; // the placer stores or deletes it
            placer.place(context, index, url, path, fetchedFile, fetched.sha256(), options);
        } catch (FetchException e) {
            if (!"upload.stopped".equals(e.logMessage().key())) {
                context.itemFailed(index, e.logMessage());
            }
        } catch (IOException e) {
            context.itemFailed(index, LogMessage.of("upload.storeFailed", url, String.valueOf(e.getMessage())));
        } finally {
            AssetPlacer.deleteQuietly(staged);
        }
    }

    /** The file name a URL names: its last path segment, decoded. */
    static String fileName(String url) {
        String raw;
        try {
            raw = URI.create(url.trim()).getRawPath();
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.isEmpty() || raw.endsWith("/")) {
            throw new UnsafePathException("sourceUrl", "the URL " + url + " names no file (its path ends in '/')");
        }
        String last = raw.substring(raw.lastIndexOf('/') + 1);
        if (HIDDEN_SEPARATOR.matcher(last).find()) {
            throw new UnsafePathException("sourceUrl", "the URL " + url + " hides a separator in its file name");
        }
        return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
