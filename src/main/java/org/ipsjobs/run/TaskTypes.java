package org.ipsjobs.run;

import org.ipsjobs.jobs.model.JobType;

/**
 * The taskType a run's TaskProgress reports. The real IPS names the Java class that monitors the task
 * (recorded for an upload: {@code com.scene7.upload.UploadAsyncTaskMonitor}); the other kinds follow
 * the same pattern with names of our choosing, since no recording of them exists.
 */
public final class TaskTypes {

    private TaskTypes() {
    }

    public static String of(JobType type) {
        return switch (type) {
            case URL_UPLOAD, UPLOAD_FROM_SERVER_DIRECTORY, UPLOAD_POST -> "com.scene7.upload.UploadAsyncTaskMonitor";
            case IMAGE_SERVING_PUBLISH, IMAGE_RENDERING_PUBLISH, VIDEO_PUBLISH, SERVER_DIRECTORY_PUBLISH,
                    METADATA_PUBLISH -> "com.scene7.publish.PublishAsyncTaskMonitor";
            case IMAGE_OPTIMIZATION, REPROCESS_ASSETS -> "com.scene7.reprocess.ReprocessAsyncTaskMonitor";
            case RIP_PDFS -> "com.scene7.pdf.PdfRipAsyncTaskMonitor";
            case EXPORT -> "com.scene7.export.ExportAsyncTaskMonitor";
            case CREATE_VIDEO_SITEMAP -> "com.scene7.video.VideoSitemapAsyncTaskMonitor";
            case AUTOMATED_SET_GENERATION -> "com.scene7.autoset.AutoSetAsyncTaskMonitor";
        };
    }
}
