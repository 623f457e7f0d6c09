package org.ipsjobs.soap;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

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
import org.ipsjobs.ipsapi.UploadUrlArray;
import org.ipsjobs.ipsapi.UploadUrlsJob;
import org.ipsjobs.ipsapi.VideoPublishJob;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.Options;

/**
 * The job-detail elements of the API and the domain's {@link JobParameters} they stand for: for each,
 * where it sits in submitJobParam, ActiveJob and ScheduledJob, which of its properties are typed
 * fields of the parameters, and how to turn one into the other (the untyped rest goes through
 * {@link OptionsCodec}). Adding a job-detail element to the contract means adding one entry here.
 */
final class DetailElements {

    /** One job-detail element. */
    private record Element<T>(JobType type, Class<T> beanClass, Supplier<T> create, Function<SubmitJobParam, T> submitted,
            BiConsumer<ActiveJob, T> toActive, BiConsumer<ScheduledJob, T> toScheduled, Set<String> typed,
            BiFunction<T, Options, JobParameters> toParameters, BiConsumer<JobParameters, T> fillTyped) {

        JobParameters read(Object bean) {
            T typedBean = beanClass.cast(bean);
            return toParameters.apply(typedBean, OptionsCodec.read(typedBean, typed));
        }

        T write(JobParameters parameters) {
            T bean = OptionsCodec.write(parameters.options(), create.get());
            fillTyped.accept(parameters, bean);
            return bean;
        }
    }

    private static final List<Element<?>> ELEMENTS = List.of(
            new Element<>(JobType.IMAGE_SERVING_PUBLISH, ImageServingPublishJob.class, ImageServingPublishJob::new,
                    SubmitJobParam::getImageServingPublishJob, ActiveJob::setImageServingPublishJob,
                    ScheduledJob::setImageServingPublishJob, Set.of("publishType"),
                    (b, o) -> new JobParameters.ImageServingPublish(b.getPublishType(), o),
                    (p, b) -> b.setPublishType(((JobParameters.ImageServingPublish) p).publishType())),
            untyped(JobType.IMAGE_RENDERING_PUBLISH, ImageRenderingPublishJob.class, ImageRenderingPublishJob::new,
                    SubmitJobParam::getImageRenderingPublishJob, ActiveJob::setImageRenderingPublishJob,
                    ScheduledJob::setImageRenderingPublishJob, JobParameters.ImageRenderingPublish::new),
            untyped(JobType.VIDEO_PUBLISH, VideoPublishJob.class, VideoPublishJob::new, SubmitJobParam::getVideoPublishJob,
                    ActiveJob::setVideoPublishJob, ScheduledJob::setVideoPublishJob, JobParameters.VideoPublish::new),
            untyped(JobType.SERVER_DIRECTORY_PUBLISH, ServerDirectoryPublishJob.class, ServerDirectoryPublishJob::new,
                    SubmitJobParam::getServerDirectoryPublishJob, ActiveJob::setServerDirectoryPublishJob,
                    ScheduledJob::setServerDirectoryPublishJob, JobParameters.ServerDirectoryPublish::new),
            untyped(JobType.METADATA_PUBLISH, MetadataPublishJob.class, MetadataPublishJob::new,
                    SubmitJobParam::getMetadataPublishJob, ActiveJob::setMetadataPublishJob,
                    ScheduledJob::setMetadataPublishJob, JobParameters.MetadataPublish::new),
            untyped(JobType.UPLOAD_FROM_SERVER_DIRECTORY, UploadDirectoryJob.class, UploadDirectoryJob::new,
                    SubmitJobParam::getUploadDirectoryJob, ActiveJob::setUploadDirectoryJob,
                    ScheduledJob::setUploadDirectoryJob, JobParameters.UploadDirectory::new),
            new Element<>(JobType.URL_UPLOAD, UploadUrlsJob.class, UploadUrlsJob::new, SubmitJobParam::getUploadUrlsJob,
                    ActiveJob::setUploadUrlsJob, ScheduledJob::setUploadUrlsJob, Set.of("urlArray", "numUrls"),
                    (b, o) -> new JobParameters.UploadUrls(urls(b.getUrlArray()), o),
                    (p, b) -> {
                        List<JobParameters.UrlSource> urls = ((JobParameters.UploadUrls) p).urls();
                        b.setUrlArray(urlArray(urls));
                        b.setNumUrls(urls.size()); // the server's to fill: clients read it back from listings
                    }),
            // created by uploads over HTTP POST, not by submitJob; listed so such jobs can be reported
            untyped(JobType.UPLOAD_POST, UploadPostJob.class, UploadPostJob::new, null, ActiveJob::setUploadPostJob,
                    (s, b) -> { }, JobParameters.UploadPost::new),
            untyped(JobType.IMAGE_OPTIMIZATION, OptimizeImagesJob.class, OptimizeImagesJob::new,
                    SubmitJobParam::getOptimizeImagesJob, ActiveJob::setOptimizeImagesJob,
                    ScheduledJob::setOptimizeImagesJob, JobParameters.OptimizeImages::new),
            new Element<>(JobType.RIP_PDFS, RipPdfsJob.class, RipPdfsJob::new, SubmitJobParam::getRipPdfsJob,
                    ActiveJob::setRipPdfsJob, ScheduledJob::setRipPdfsJob, Set.of("pdfHandleArray"),
                    (b, o) -> new JobParameters.RipPdfs(handles(b.getPdfHandleArray()), o),
                    (p, b) -> b.setPdfHandleArray(handleArray(((JobParameters.RipPdfs) p).pdfHandles()))),
            new Element<>(JobType.REPROCESS_ASSETS, ReprocessAssetsJob.class, ReprocessAssetsJob::new,
                    SubmitJobParam::getReprocessAssetsJob, ActiveJob::setReprocessAssetsJob,
                    ScheduledJob::setReprocessAssetsJob, Set.of("assetHandleArray"),
                    (b, o) -> new JobParameters.ReprocessAssets(handles(b.getAssetHandleArray()), o),
                    (p, b) -> b.setAssetHandleArray(handleArray(((JobParameters.ReprocessAssets) p).assetHandles()))),
            untyped(JobType.CREATE_VIDEO_SITEMAP, CreateVideoSitemapJob.class, CreateVideoSitemapJob::new,
                    SubmitJobParam::getCreateVideoSitemapJob, ActiveJob::setCreateVideoSitemapJob,
                    ScheduledJob::setCreateVideoSitemapJob, JobParameters.CreateVideoSitemap::new),
            new Element<>(JobType.EXPORT, ExportJob.class, ExportJob::new, SubmitJobParam::getExportJob,
                    ActiveJob::setExportJob, ScheduledJob::setExportJob, Set.of("assetHandleArray", "fmt"),
                    (b, o) -> new JobParameters.Export(handles(b.getAssetHandleArray()), b.getFmt(), o),
                    (p, b) -> {
                        JobParameters.Export export = (JobParameters.Export) p;
                        b.setAssetHandleArray(handleArray(export.assetHandles()));
                        b.setFmt(export.format());
                    }),
            new Element<>(JobType.AUTOMATED_SET_GENERATION, AutomatedSetGenerationJob.class,
                    AutomatedSetGenerationJob::new, SubmitJobParam::getAutomatedSetGenerationJob,
                    ActiveJob::setAutomatedSetGenerationJob, ScheduledJob::setAutomatedSetGenerationJob,
                    Set.of("assetHandleArray"),
                    (b, o) -> new JobParameters.AutomatedSetGeneration(handles(b.getAssetHandleArray()), o),
                    (p, b) -> b.setAssetHandleArray(handleArray(((JobParameters.AutomatedSetGeneration) p).assetHandles()))));

    private static final Map<JobType, Element<?>> BY_TYPE = new EnumMap<>(JobType.class);

    static {
        ELEMENTS.forEach(e -> BY_TYPE.put(e.type(), e));
    }

    private DetailElements() {
    }

    /** Every job-detail element present in the request, as parameters, in schema order. */
    static List<JobParameters> read(SubmitJobParam param) {
        List<JobParameters> found = new ArrayList<>();
        for (Element<?> element : ELEMENTS) {
            Object bean = element.submitted() == null ? null : element.submitted().apply(param);
            if (bean != null) {
                found.add(element.read(bean));
            }
        }
        return found;
    }

    /** Puts the job-detail element of the parameters into an ActiveJob. */
    static void write(JobParameters parameters, ActiveJob target) {
        writeTo(BY_TYPE.get(parameters.type()), parameters, target);
    }

    /** Puts the job-detail element of the parameters into a ScheduledJob. */
    static void write(JobParameters parameters, ScheduledJob target) {
        writeScheduled(BY_TYPE.get(parameters.type()), parameters, target);
    }

    private static <T> void writeTo(Element<T> element, JobParameters parameters, ActiveJob target) {
        element.toActive().accept(target, element.write(parameters));
    }

    private static <T> void writeScheduled(Element<T> element, JobParameters parameters, ScheduledJob target) {
        element.toScheduled().accept(target, element.write(parameters));
    }

    private static <T> Element<T> untyped(JobType type, Class<T> beanClass, Supplier<T> create,
            Function<SubmitJobParam, T> submitted, BiConsumer<ActiveJob, T> toActive,
            BiConsumer<ScheduledJob, T> toScheduled, Function<Options, JobParameters> toParameters) {
        return new Element<>(type, beanClass, create, submitted, toActive, toScheduled, Set.of(),
                (b, o) -> toParameters.apply(o), (p, b) -> { });
    }

    private static List<JobParameters.UrlSource> urls(UploadUrlArray array) {
        if (array == null) {
            return List.of();
        }
        List<JobParameters.UrlSource> urls = new ArrayList<>();
        for (UploadUrl url : array.getItems()) {
            if (url != null && url.getSourceUrl() != null) {
                urls.add(new JobParameters.UrlSource(url.getSourceUrl().trim(), url.getDestPath()));
            }
        }
        return urls;
    }

    private static UploadUrlArray urlArray(List<JobParameters.UrlSource> urls) {
        UploadUrlArray array = new UploadUrlArray();
        for (JobParameters.UrlSource source : urls) {
            UploadUrl url = new UploadUrl();
            url.setSourceUrl(source.sourceUrl());
            url.setDestPath(source.destPath());
            array.getItems().add(url);
        }
        return array;
    }

    private static List<String> handles(HandleArray handles) {
        if (handles == null) {
            return List.of();
        }
        return handles.getItems().stream().filter(h -> h != null && !h.isBlank()).map(String::trim).toList();
    }

    private static HandleArray handleArray(List<String> handles) {
        HandleArray array = new HandleArray();
        array.getItems().addAll(handles);
        return array;
    }
}
