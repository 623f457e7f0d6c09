package org.ipsjobs.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.ipsjobs.ipsapi.ActiveJob;
import org.ipsjobs.ipsapi.AutomatedSetGenerationJob;
import org.ipsjobs.ipsapi.CreateVideoSitemapJob;
import org.ipsjobs.ipsapi.ExportJob;
import org.ipsjobs.ipsapi.HandleArray;
import org.ipsjobs.ipsapi.ImageRenderingPublishJob;
import org.ipsjobs.ipsapi.ImageServingPublishJob;
import org.ipsjobs.ipsapi.MetadataPublishJob;
import org.ipsjobs.ipsapi.OptimizeImagesJob;
import org.ipsjobs.ipsapi.ReprocessAssetsJob;
import org.ipsjobs.ipsapi.RipPdfsJob;
import org.ipsjobs.ipsapi.ScheduledJob;
import org.ipsjobs.ipsapi.ServerDirectoryPublishJob;
import org.ipsjobs.ipsapi.SubmitJobParam;
import org.ipsjobs.ipsapi.UploadDirectoryJob;
import org.ipsjobs.ipsapi.UploadPostJob;
import org.ipsjobs.ipsapi.UploadUrl;
import org.ipsjobs.ipsapi.UploadUrlsJob;
import org.ipsjobs.ipsapi.VideoPublishJob;
import org.ipsjobs.jobs.JobDetail;
import org.ipsjobs.jobs.JobType;
import org.ipsjobs.jobs.WorkItem;

/**
 * The job-detail elements of the API: for each, the job type it stands for, where it sits in
 * submitJobParam, ActiveJob and ScheduledJob, and which work items it names. Adding a job-detail
 * element to the contract means adding one line here.
 */
final class DetailElements {

    /** One job-detail element. */
    private record Element<T>(String name, JobType type, Class<T> payloadClass, Function<SubmitJobParam, T> submitted,
            BiConsumer<ActiveJob, T> toActive, BiConsumer<ScheduledJob, T> toScheduled,
            Function<T, List<WorkItem>> items, Function<T, String> subType) {

        Optional<JobDetail> read(SubmitJobParam param) {
            if (submitted == null) {
                return Optional.empty();
            }
            T payload = submitted.apply(param);
            return payload == null ? Optional.empty()
                    : Optional.of(new JobDetail(type, subType.apply(payload), payload, items.apply(payload)));
        }

        void writeTo(ActiveJob target, Object payload) {
            if (payloadClass.isInstance(payload)) {
                toActive.accept(target, payloadClass.cast(payload));
            }
        }

        void writeTo(ScheduledJob target, Object payload) {
            if (payloadClass.isInstance(payload)) {
                toScheduled.accept(target, payloadClass.cast(payload));
            }
        }
    }

    private static final List<Element<?>> ELEMENTS = List.of(
            simple("imageServingPublishJob", JobType.IMAGE_SERVING_PUBLISH, ImageServingPublishJob.class,
                    SubmitJobParam::getImageServingPublishJob, ActiveJob::setImageServingPublishJob,
                    ScheduledJob::setImageServingPublishJob, ImageServingPublishJob::getPublishType),
            simple("imageRenderingPublishJob", JobType.IMAGE_RENDERING_PUBLISH, ImageRenderingPublishJob.class,
                    SubmitJobParam::getImageRenderingPublishJob, ActiveJob::setImageRenderingPublishJob,
                    ScheduledJob::setImageRenderingPublishJob, p -> ""),
            simple("videoPublishJob", JobType.VIDEO_PUBLISH, VideoPublishJob.class,
                    SubmitJobParam::getVideoPublishJob, ActiveJob::setVideoPublishJob,
                    ScheduledJob::setVideoPublishJob, p -> ""),
            simple("serverDirectoryPublishJob", JobType.SERVER_DIRECTORY_PUBLISH, ServerDirectoryPublishJob.class,
                    SubmitJobParam::getServerDirectoryPublishJob, ActiveJob::setServerDirectoryPublishJob,
                    ScheduledJob::setServerDirectoryPublishJob, p -> ""),
            simple("metadataPublishJob", JobType.METADATA_PUBLISH, MetadataPublishJob.class,
                    SubmitJobParam::getMetadataPublishJob, ActiveJob::setMetadataPublishJob,
                    ScheduledJob::setMetadataPublishJob, p -> ""),
            simple("uploadDirectoryJob", JobType.UPLOAD_FROM_SERVER_DIRECTORY, UploadDirectoryJob.class,
                    SubmitJobParam::getUploadDirectoryJob, ActiveJob::setUploadDirectoryJob,
                    ScheduledJob::setUploadDirectoryJob, p -> ""),
            new Element<>("uploadUrlsJob", JobType.URL_UPLOAD, UploadUrlsJob.class,
                    SubmitJobParam::getUploadUrlsJob, ActiveJob::setUploadUrlsJob, ScheduledJob::setUploadUrlsJob,
                    DetailElements::urls, p -> ""),
            // created by uploads over HTTP POST, not by submitJob; listed so such jobs can be reported
            new Element<>("uploadPostJob", JobType.UPLOAD_POST, UploadPostJob.class, null,
                    ActiveJob::setUploadPostJob, (s, p) -> { }, p -> List.of(), p -> ""),
            simple("optimizeImagesJob", JobType.IMAGE_OPTIMIZATION, OptimizeImagesJob.class,
                    SubmitJobParam::getOptimizeImagesJob, ActiveJob::setOptimizeImagesJob,
                    ScheduledJob::setOptimizeImagesJob, p -> ""),
            new Element<>("ripPdfsJob", JobType.RIP_PDFS, RipPdfsJob.class, SubmitJobParam::getRipPdfsJob,
                    ActiveJob::setRipPdfsJob, ScheduledJob::setRipPdfsJob, p -> assets(p.getPdfHandleArray()), p -> ""),
            new Element<>("reprocessAssetsJob", JobType.REPROCESS_ASSETS, ReprocessAssetsJob.class,
                    SubmitJobParam::getReprocessAssetsJob, ActiveJob::setReprocessAssetsJob,
                    ScheduledJob::setReprocessAssetsJob, p -> assets(p.getAssetHandleArray()), p -> ""),
            simple("createVideoSitemapJob", JobType.CREATE_VIDEO_SITEMAP, CreateVideoSitemapJob.class,
                    SubmitJobParam::getCreateVideoSitemapJob, ActiveJob::setCreateVideoSitemapJob,
                    ScheduledJob::setCreateVideoSitemapJob, p -> ""),
            new Element<>("exportJob", JobType.EXPORT, ExportJob.class, SubmitJobParam::getExportJob,
                    ActiveJob::setExportJob, ScheduledJob::setExportJob, p -> assets(p.getAssetHandleArray()),
                    ExportJob::getFmt),
            new Element<>("automatedSetGenerationJob", JobType.AUTOMATED_SET_GENERATION,
                    AutomatedSetGenerationJob.class, SubmitJobParam::getAutomatedSetGenerationJob,
                    ActiveJob::setAutomatedSetGenerationJob, ScheduledJob::setAutomatedSetGenerationJob,
                    p -> assets(p.getAssetHandleArray()), p -> ""));

    private DetailElements() {
    }

    /** Every job-detail element present in the request, in schema order. */
    static List<JobDetail> read(SubmitJobParam param) {
        List<JobDetail> found = new ArrayList<>();
        for (Element<?> element : ELEMENTS) {
            element.read(param).ifPresent(found::add);
        }
        return found;
    }

    /** Puts the job's detail element back into an ActiveJob. */
    static void write(JobDetail detail, ActiveJob target) {
        element(detail).ifPresent(e -> e.writeTo(target, detail.payload()));
    }

    /** Puts the job's detail element back into a ScheduledJob. */
    static void write(JobDetail detail, ScheduledJob target) {
        element(detail).ifPresent(e -> e.writeTo(target, detail.payload()));
    }

    private static Optional<Element<?>> element(JobDetail detail) {
        return ELEMENTS.stream().filter(e -> e.type() == detail.type()).findFirst();
    }

    private static <T> Element<T> simple(String name, JobType type, Class<T> payloadClass,
            Function<SubmitJobParam, T> submitted, BiConsumer<ActiveJob, T> toActive,
            BiConsumer<ScheduledJob, T> toScheduled, Function<T, String> subType) {
        return new Element<>(name, type, payloadClass, submitted, toActive, toScheduled, p -> List.of(), subType);
    }

    private static List<WorkItem> urls(UploadUrlsJob job) {
        if (job.getUrlArray() == null) {
            return List.of();
        }
        List<WorkItem> items = new ArrayList<>();
        for (UploadUrl url : job.getUrlArray().getItems()) {
            if (url != null && url.getSourceUrl() != null) {
                items.add(WorkItem.named(url.getSourceUrl().trim()));
            }
        }
        // numUrls is ours to fill: clients read it back from getActiveJobs and getScheduledJobs
        job.setNumUrls(items.size());
        return items;
    }

    private static List<WorkItem> assets(HandleArray handles) {
        if (handles == null) {
            return List.of();
        }
        return handles.getItems().stream().filter(h -> h != null && !h.isBlank()).map(WorkItem::asset).toList();
    }
}
