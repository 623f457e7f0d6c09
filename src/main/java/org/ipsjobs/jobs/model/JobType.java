package org.ipsjobs.jobs.model;

/**
 * The kind of work a job does, named by the IPS Job Types constant where the API defines one.
 *
 * <p>The documented constants cover only some job kinds; the others carry a name derived from
 * their job-detail element (for example {@code Export} for an exportJob). Each kind also knows the
 * Job Log Types its log uses.
 */
public enum JobType {
    IMAGE_SERVING_PUBLISH("ImageServingPublish", LogFamily.IMAGE_SERVING_PUBLISH),
    IMAGE_RENDERING_PUBLISH("ImageRenderingPublish", LogFamily.IMAGE_RENDERING_PUBLISH),
    VIDEO_PUBLISH("VideoPublish", LogFamily.VIDEO_PUBLISH),
    SERVER_DIRECTORY_PUBLISH("ServerDirectoryPublish", LogFamily.SERVER_DIRECTORY_PUBLISH),
    METADATA_PUBLISH("MetadataPublish", LogFamily.METADATA),
    UPLOAD_FROM_SERVER_DIRECTORY("UploadFromServerDirectory", LogFamily.UPLOAD),
    URL_UPLOAD("UrlUpload", LogFamily.UPLOAD),
    UPLOAD_POST("UploadPost", LogFamily.UPLOAD),
    IMAGE_OPTIMIZATION("ImageOptimization", LogFamily.REOPTIMIZE),
    RIP_PDFS("RipPdfs", LogFamily.PDF_RIP),
    REPROCESS_ASSETS("ReprocessAssets", LogFamily.REOPTIMIZE),
    CREATE_VIDEO_SITEMAP("CreateVideoSitemap", LogFamily.VIDEO_PUBLISH),
    EXPORT("Export", LogFamily.EXPORT),
    AUTOMATED_SET_GENERATION("AutomatedSetGeneration", LogFamily.TEMPLATE_MERGE);

    private final String wireName;
    private final LogFamily logFamily;

    JobType(String wireName, LogFamily logFamily) {
        this.wireName = wireName;
        this.logFamily = logFamily;
    }

    /** The name reported in ActiveJob/type and ScheduledJob/type. */
    public String wireName() {
        return wireName;
    }

    /** The log types this kind of job writes. */
    public LogFamily logFamily() {
        return logFamily;
    }

    /** True for kinds that bring new files in, so each processed item becomes a new asset. */
    public boolean createsAssets() {
        return logFamily == LogFamily.UPLOAD;
    }
}
