package org.ipsjobs.jobs.model;

import java.util.List;
import java.util.Objects;

/**
 * What a job is to do: one type per kind of job, with typed fields for what the service acts on
 * (the URLs to fetch, the assets to work on, the publish type) and {@link Options} for the rest, which
 * it keeps and reports back. Immutable.
 */
public sealed interface JobParameters {

    /** The kind of job. */
    JobType type();

    /** The options the service keeps without acting on them. */
    Options options();

    /** The items the job works through, in order; empty when it names none. */
    default List<WorkItem> workItems() {
        return List.of();
    }

    /** A refinement of the kind, reported as a log's jobSubType (a publish type), or an empty string. */
    default String subType() {
        return "";
    }

    /** These parameters with different options (server defaults filled in, say). */
    JobParameters withOptions(Options newOptions);

    /** An image serving publish; publishType is Full, Incremental and the like. */
    record ImageServingPublish(String publishType, Options options) implements JobParameters {
        public ImageServingPublish {
            publishType = SharedText.of(publishType);
        }

        public JobType type() {
            return JobType.IMAGE_SERVING_PUBLISH;
        }

        public String subType() {
            return publishType == null ? "" : publishType;
        }

        public JobParameters withOptions(Options o) {
            return new ImageServingPublish(publishType, o);
        }
    }

    record ImageRenderingPublish(Options options) implements JobParameters {
        public JobType type() {
            return JobType.IMAGE_RENDERING_PUBLISH;
        }

        public JobParameters withOptions(Options o) {
            return new ImageRenderingPublish(o);
        }
    }

    record VideoPublish(Options options) implements JobParameters {
        public JobType type() {
            return JobType.VIDEO_PUBLISH;
        }

        public JobParameters withOptions(Options o) {
            return new VideoPublish(o);
        }
    }

    record ServerDirectoryPublish(Options options) implements JobParameters {
        public JobType type() {
            return JobType.SERVER_DIRECTORY_PUBLISH;
        }

        public JobParameters withOptions(Options o) {
            return new ServerDirectoryPublish(o);
        }
    }

    record MetadataPublish(Options options) implements JobParameters {
        public JobType type() {
            return JobType.METADATA_PUBLISH;
        }

        public JobParameters withOptions(Options o) {
            return new MetadataPublish(o);
        }
    }

    /** An upload from the company's server directory (its FTP area). */
    record UploadDirectory(Options options) implements JobParameters {
        public JobType type() {
            return JobType.UPLOAD_FROM_SERVER_DIRECTORY;
        }

        public JobParameters withOptions(Options o) {
            return new UploadDirectory(o);
        }
    }

    /** An upload of files fetched from URLs. */
    record UploadUrls(List<UrlSource> urls, Options options) implements JobParameters {
        public UploadUrls {
            urls = List.copyOf(urls);
        }

        public JobType type() {
            return JobType.URL_UPLOAD;
        }

        public List<WorkItem> workItems() {
            return urls.stream().map(u -> WorkItem.named(u.sourceUrl())).toList();
        }

        public JobParameters withOptions(Options o) {
            return new UploadUrls(urls, o);
        }
    }

    /** One URL to fetch and the folder to put it in (null for the company's root). */
    record UrlSource(String sourceUrl, String destPath) {
        public UrlSource {
            Objects.requireNonNull(sourceUrl, "sourceUrl");
        }
    }

    /** An upload whose files arrive by HTTP POST (the UploadFile servlet). */
    record UploadPost(Options options) implements JobParameters {
        public JobType type() {
            return JobType.UPLOAD_POST;
        }

        public JobParameters withOptions(Options o) {
            return new UploadPost(o);
        }
    }

    record OptimizeImages(Options options) implements JobParameters {
        public JobType type() {
            return JobType.IMAGE_OPTIMIZATION;
        }

        public JobParameters withOptions(Options o) {
            return new OptimizeImages(o);
        }
    }

    record RipPdfs(List<String> pdfHandles, Options options) implements JobParameters {
        public RipPdfs {
            pdfHandles = List.copyOf(pdfHandles);
        }

        public JobType type() {
            return JobType.RIP_PDFS;
        }

        public List<WorkItem> workItems() {
            return pdfHandles.stream().map(WorkItem::asset).toList();
        }

        public JobParameters withOptions(Options o) {
            return new RipPdfs(pdfHandles, o);
        }
    }

    record ReprocessAssets(List<String> assetHandles, Options options) implements JobParameters {
        public ReprocessAssets {
            assetHandles = List.copyOf(assetHandles);
        }

        public JobType type() {
            return JobType.REPROCESS_ASSETS;
        }

        public List<WorkItem> workItems() {
            return assetHandles.stream().map(WorkItem::asset).toList();
        }

        public JobParameters withOptions(Options o) {
            return new ReprocessAssets(assetHandles, o);
        }
    }

    record CreateVideoSitemap(Options options) implements JobParameters {
        public JobType type() {
            return JobType.CREATE_VIDEO_SITEMAP;
        }

        public JobParameters withOptions(Options o) {
            return new CreateVideoSitemap(o);
        }
    }

    /** An export of assets; format is the export format (fmt). */
    record Export(List<String> assetHandles, String format, Options options) implements JobParameters {
        public Export {
            assetHandles = List.copyOf(assetHandles);
        }

        public JobType type() {
            return JobType.EXPORT;
        }

        public List<WorkItem> workItems() {
            return assetHandles.stream().map(WorkItem::asset).toList();
        }

        public String subType() {
            return format == null ? "" : format;
        }

        public JobParameters withOptions(Options o) {
            return new Export(assetHandles, format, o);
        }
    }

    record AutomatedSetGeneration(List<String> assetHandles, Options options) implements JobParameters {
        public AutomatedSetGeneration {
            assetHandles = List.copyOf(assetHandles);
        }

        public JobType type() {
            return JobType.AUTOMATED_SET_GENERATION;
        }

        public List<WorkItem> workItems() {
            return assetHandles.stream().map(WorkItem::asset).toList();
        }

        public JobParameters withOptions(Options o) {
            return new AutomatedSetGeneration(assetHandles, o);
        }
    }
}
