package org.ipsjobs.jobs.model;

/**
 * The Job Log Types one kind of job writes: a begin and an end row around the job, and a success,
 * failure or warning row per item. The strings are IPS constants, spelled as the API spells them.
 */
public enum LogFamily {
    IMAGE_SERVING_PUBLISH("BeginImageServingPublish", "EndImageServingPublish",
            "ImageServingPublishSuccess", "ImageServingPublishError", "ImageServingPublishWarning"),
    IMAGE_RENDERING_PUBLISH("BeginImageRenderingPublish", "EndImageRenderingPublish",
            "ImageRenderingPublishSuccess", "ImageRenderingPublishError", "ImageRenderingPublishError"),
    VIDEO_PUBLISH("BeginVideoPublish", "EndVideoPublish",
            "VideoPubilshSuccess", "VideoPublishError", "VideoPublishWarning"),
    SERVER_DIRECTORY_PUBLISH("BeginServerDirectoryPublish", "EndServerDirectoryPublish",
            "ServerDirectoryPublishSuccess", "ServerDirectoryPublishError", "ServerDirectoryPublishWarning"),
    METADATA("BeginMetadata", "EndMetadata", "MetadataSuccess", "MetadataFailure", "MetadataFailure"),
    UPLOAD("BeginUpload", "EndUpload", "UploadSuccess", "UploadError", "UploadWarning"),
    REOPTIMIZE("BeginReoptimize", "endReoptimize", "ReoptimizeSuccess", "ReoptimizeFailure", "ReoptimizeFailure"),
    PDF_RIP("BeginPdfRip", "FleEnd", "FileUpdated", "PdfRipError", "PdfRipError"),
    EXPORT("BeginGet", "EndGet", "ReturnSuccess", "GetFailure", "GetFailure"),
    TEMPLATE_MERGE("BeginTemplateMerge", "EndTemplateMerge", "TemplateMergeSuccess", "TemplateMergeError",
            "TemplateMergeError");

    /** Written when a job cannot go on. */
    public static final String FATAL_ERROR = "FatalError";
    /** Written when a job is stopped before it finished its items. */
    public static final String FILE_CANCEL = "FileCancel";

    private final String begin;
    private final String end;
    private final String success;
    private final String failure;
    private final String warning;

    LogFamily(String begin, String end, String success, String failure, String warning) {
        this.begin = begin;
        this.end = end;
        this.success = success;
        this.failure = failure;
        this.warning = warning;
    }

    public String begin() {
        return begin;
    }

    public String end() {
        return end;
    }

    public String success() {
        return success;
    }

    public String failure() {
        return failure;
    }

    public String warning() {
        return warning;
    }
}
