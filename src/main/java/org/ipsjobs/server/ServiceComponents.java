package org.ipsjobs.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.ContentInspector;
import org.ipsjobs.assets.FileAssetStore;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.core.CoreJobService;
import org.ipsjobs.jobs.core.GuardedJobService;
import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RequestJournal;
import org.ipsjobs.control.RunEvents;
import org.ipsjobs.control.Seed;
import org.ipsjobs.control.ServiceControl;
import org.ipsjobs.jobs.core.CoreServiceControl;
import org.ipsjobs.jobs.core.JobSettings;
import org.ipsjobs.jobs.core.LiveJobSettings;
import org.ipsjobs.jobs.core.Launcher;
import org.ipsjobs.jobs.core.Sweeper;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.jobs.store.memory.InMemoryJobStore;
import org.ipsjobs.metrics.JobGauges;
import org.ipsjobs.metrics.ServiceMetrics;
import org.ipsjobs.run.JobExecution;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunControls;
import org.ipsjobs.run.RunnerRegistry;
import org.ipsjobs.run.SimulatedRunner;
import org.ipsjobs.run.WorkSettings;
import org.ipsjobs.run.WorkerPool;
import org.ipsjobs.run.export.ExportRunner;
import org.ipsjobs.run.pdf.PdfRipRunner;
import org.ipsjobs.run.publish.PublishRunner;
import org.ipsjobs.run.reprocess.OptimizeImagesRunner;
import org.ipsjobs.run.reprocess.ReprocessRunner;
import org.ipsjobs.run.reprocess.VideoSitemapRunner;
import org.ipsjobs.run.upload.DirectoryUploadRunner;
import org.ipsjobs.run.upload.UploadInboxes;
import org.ipsjobs.run.upload.UploadPostRunner;
import org.ipsjobs.run.upload.UrlFetcher;
import org.ipsjobs.run.upload.UrlUploadRunner;
import org.ipsjobs.schedule.ClockScheduler;
import org.ipsjobs.schedule.FireHandler;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.time.ServiceClock;

/**
 * The service's parts, wired in one place: clock, store, user directory, runners and workers,
 * scheduler, sweeper, and the job service every entry point calls (with its role checks), plus what
 * the SOAP entry point takes from outside (extra CXF interceptors, a replacement endpoint).
 * {@link IpsJobServer}, the tests and the benchmark harness all build through {@link #builder}; each
 * part can be replaced there (another store or scheduler, a runner for a job type, a frozen clock).
 */
public final class ServiceComponents implements AutoCloseable {

    private final ServiceClock clock;
    private final JobStore store;
    private final UserDirectory directory;
    private final WorkerPool workers;
    private final RunControls controls;
    private final JobScheduler scheduler;
    private final CoreJobService core;
    private final JobService service;
    private final Sweeper sweeper;
    private final LiveJobSettings settings;
    private final Launcher launcher;
    private final RunEvents events = new RunEvents();
    private final FaultRules faults = new FaultRules();
    private final RequestJournal journal;
    private final CoreServiceControl control;
    private final List<Interceptor<? extends Message>> inInterceptors;
    private final List<Interceptor<? extends Message>> outInterceptors;
    private final IpsApiPortType endpoint;
    private final Seed startupSeed;
    private final AssetStore assets; // null with the simulated runner
    private final UploadInboxes inboxes = new UploadInboxes();
    private final ServiceMetrics metrics = new ServiceMetrics();

    private ServiceComponents(Builder b) {
        JobSettings configured = b.settings.jobs();
        this.settings = new LiveJobSettings(configured);
        this.clock = b.clock != null ? b.clock : ServiceClock.system(configured.zone());
        this.store = b.store != null ? b.store : new InMemoryJobStore();
        this.directory = b.directory != null ? b.directory
                : new UserDirectory(b.settings.companies(), b.settings.users(), clock);
        this.workers = new WorkerPool(configured.workers(), clock);
        this.controls = new RunControls();
        this.scheduler = b.scheduler.create(new FireHandler() {
            @Override
            public void fired(String key, java.time.Instant due) {
                // the launcher is built after the scheduler (the sweeper between needs both)
                ServiceComponents.this.launcher.fired(key, due);
            }

            @Override
            public void missed(String key, java.time.Instant due) {
                ServiceComponents.this.events.listener().fireMissed(
                        ServiceComponents.this.store.job(key).map(j -> j.type()).orElse(null), RunEvents.Misfire.LATE);
            }
        }, clock, configured.zone());
        WorkSettings work = b.settings.work();
        RunnerRegistry runners = new RunnerRegistry(new SimulatedRunner());
        if (work.runner() == WorkSettings.Runner.REAL) {
            ContentInspector inspector = new ContentInspector(work.maxImagePixels());
            this.assets = b.assets != null ? b.assets : openAssets(work, inspector);
            UrlUploadRunner.CompanyRoots roots = company -> directory.company(company).map(Company::rootPath).orElse("");
            runners.register(JobType.URL_UPLOAD, new UrlUploadRunner(assets,
                    new UrlFetcher(work.outbound(), work.fetch()), inspector, roots));
            runners.register(JobType.UPLOAD_POST, new UploadPostRunner(inboxes, assets, inspector, work::postTimeout));
            runners.register(JobType.UPLOAD_FROM_SERVER_DIRECTORY, new DirectoryUploadRunner(work.dropRoot(), assets,
                    inspector, roots));
            PublishRunner publish = new PublishRunner(work.publishRoot(), assets, clock, roots::rootPath);
            for (JobType type : List.of(JobType.IMAGE_SERVING_PUBLISH, JobType.IMAGE_RENDERING_PUBLISH,
                    JobType.VIDEO_PUBLISH, JobType.SERVER_DIRECTORY_PUBLISH, JobType.METADATA_PUBLISH)) {
                runners.register(type, publish);
            }
            runners.register(JobType.EXPORT, new ExportRunner(work.exportRoot(), assets, clock, roots::rootPath,
                    work.fetch().maxBytes()));
            runners.register(JobType.RIP_PDFS, new PdfRipRunner(assets, inspector, 50_000_000L));
            runners.register(JobType.REPROCESS_ASSETS, new ReprocessRunner(assets, inspector, clock));
            runners.register(JobType.IMAGE_OPTIMIZATION, new OptimizeImagesRunner(assets, 50_000_000L));
            runners.register(JobType.CREATE_VIDEO_SITEMAP, new VideoSitemapRunner(work.publishRoot(), assets,
                    roots::rootPath));
            work.simulated().forEach(type -> runners.register(type, new SimulatedRunner()));
        } else {
            this.assets = b.assets;
        }
        b.overrides.forEach(runners::register);
        Sweeper sweeper = new Sweeper(store, scheduler, clock, settings, events);
        this.sweeper = sweeper;
        Launcher launcher = new Launcher(store, controls, runners, workers, configured,
                new JobExecution.Setting(store, controls, clock, () -> settings.get().pace(), this::runFinished, events,
                        faults));
        this.launcher = launcher;
        this.core = new CoreJobService(store, directory, scheduler, launcher, clock, settings, assets, inboxes,
                work.maxFilesPerPost(), assets == null ? null : work.exportRoot());
        this.service = new GuardedJobService(core);
        this.journal = new RequestJournal(b.settings.admin().journalSize(), b.settings.admin().journalBodies());
        this.control = new CoreServiceControl(core, store, scheduler, controls, workers, settings, directory,
                b.settings.companies(), b.settings.users(), clock, events, sweeper, launcher);
        this.inInterceptors = List.copyOf(b.inInterceptors);
        this.outInterceptors = List.copyOf(b.outInterceptors);
        this.endpoint = b.endpoint;
        this.startupSeed = b.seed;
        events.listen(metrics.runs());
        directory.listen(metrics.logins());
        JobGauges.register(metrics.registry(), store::runCount, workers::queued, workers::busy, workers::size);
    }

    private AssetStore openAssets(WorkSettings work, ContentInspector inspector) {
        try {
            return new FileAssetStore(work.assetsRoot(), directory.companies().stream().map(Company::handle).toList(),
                    company -> directory.company(company).map(Company::rootPath).orElse(null), inspector, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the asset store at " + work.assetsRoot().toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    private void runFinished() {
        sweeper.runFinished();
        control.runFinished();
    }


    public static Builder builder(ServiceSettings settings) {
        return new Builder(settings);
    }

    /** Starts the background threads (the scheduler and the sweeper) and applies the start-up seed. */
    public void start() {
        scheduler.start();
        sweeper.start();
        if (!startupSeed.isEmpty()) {
            control.seedAtStartup(startupSeed);
        }
    }

    /** The job service every entry point calls, role checks included. */
    public JobService service() {
        return service;
    }

    /** The asset store, or empty when jobs run simulated. */
    public java.util.Optional<AssetStore> assets() {
        return java.util.Optional.ofNullable(assets);
    }

    public ServiceClock clock() {
        return clock;
    }

    public JobStore store() {
        return store;
    }

    public UserDirectory directory() {
        return directory;
    }

    /** The job settings in force now (the admin API can change some at run time). */
    public JobSettings settings() {
        return settings.get();
    }

    /** Reset, seed, clock and settings, for the admin API. */
    public ServiceControl control() {
        return control;
    }

    /** The fault rules tests have added. */
    public FaultRules faults() {
        return faults;
    }

    /** The meters /metrics shows. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** The requests answered lately. */
    public RequestJournal journal() {
        return journal;
    }

    /** Forgets all state: jobs, runs, schedules, logs, fault rules, the journal, assets and their files. */
    public void reset() {
        faults.clear();
        control.reset();
        journal.clear();
        if (assets != null) {
            try {
                assets.clear();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot empty the asset store: " + e.getMessage(), e);
            }
        }
    }

    /** CXF interceptors added to the SOAP endpoint's incoming chain, after this service's own. */
    public List<Interceptor<? extends Message>> inInterceptors() {
        return inInterceptors;
    }

    /** CXF interceptors added to the SOAP endpoint's outgoing chain. */
    public List<Interceptor<? extends Message>> outInterceptors() {
        return outInterceptors;
    }

    /** The implementation that answers SOAP requests instead of the job endpoint, or null. */
    public IpsApiPortType endpointOverride() {
        return endpoint;
    }

    /**
     * Stops the background work in order: schedules stop firing, every queued and running job is
     * stopped with a log line saying why, the workers wind down.
     */
    @Override
    public void close() {
        scheduler.close();
        sweeper.close();
        core.stopAllForShutdown();
        workers.close();
        metrics.close();
    }

    /** Makes the scheduler, given where its fires go and the clock and zone it must follow. */
    @FunctionalInterface
    public interface SchedulerFactory {
        JobScheduler create(FireHandler fires, ServiceClock clock, ZoneId zone);
    }

    /** Chooses the parts; what is not chosen gets the default. */
    public static final class Builder {
        private final ServiceSettings settings;
        private ServiceClock clock;
        private JobStore store;
        private UserDirectory directory;
        private SchedulerFactory scheduler = ClockScheduler::new;
        private final Map<JobType, JobRunner> overrides = new EnumMap<>(JobType.class);
        private AssetStore assets;
        private final List<Interceptor<? extends Message>> inInterceptors = new ArrayList<>();
        private final List<Interceptor<? extends Message>> outInterceptors = new ArrayList<>();
        private IpsApiPortType endpoint;
        private Seed seed = Seed.EMPTY;

        private Builder(ServiceSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The clock (default: real time in the server's zone). */
        public Builder clock(ServiceClock c) {
            this.clock = c;
            return this;
        }

        /** The store (default: in memory). */
        public Builder store(JobStore s) {
            this.store = s;
            return this;
        }

        /** What the service holds from the start, and again after every reset (default: nothing). */
        public Builder seed(Seed s) {
            this.seed = Objects.requireNonNull(s, "seed");
            return this;
        }

        /** Who may log in, and the companies (default: the users and companies of the settings). */
        public Builder directory(UserDirectory d) {
            this.directory = d;
            return this;
        }

        /**
         * The scheduler (default: {@link ClockScheduler}, in memory, on the service clock). A durable or
         * clustered one plugs in here; it must fire on the clock it is given.
         */
        public Builder scheduler(SchedulerFactory factory) {
            this.scheduler = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Adds a CXF interceptor to the SOAP endpoint's incoming chain (to record or alter calls). */
        public Builder inInterceptor(Interceptor<? extends Message> interceptor) {
            inInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Adds a CXF interceptor to the SOAP endpoint's outgoing chain. */
        public Builder outInterceptor(Interceptor<? extends Message> interceptor) {
            outInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Answers SOAP requests with this implementation instead of the job endpoint, behind the same
         * Jetty setup, contract, validation and interceptors (the benchmarks measure the stack alone so).
         */
        public Builder endpointOverride(IpsApiPortType implementation) {
            this.endpoint = implementation;
            return this;
        }

        /** The runner for one job type (default: the simulated runner for every type). */
        public Builder runner(JobType type, JobRunner runner) {
            overrides.put(type, Objects.requireNonNull(runner, "runner"));
            return this;
        }

        /** The asset store the real runners use (default: files under the settings' assets root). */
        public Builder assets(AssetStore a) {
            this.assets = a;
            return this;
        }

        public ServiceComponents build() {
            return new ServiceComponents(this);
        }
    }
}
