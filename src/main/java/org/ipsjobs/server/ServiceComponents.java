package org.ipsjobs.server;

import java.util.Objects;

import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.core.CoreJobService;
import org.ipsjobs.jobs.core.GuardedJobService;
import org.ipsjobs.jobs.core.JobSettings;
import org.ipsjobs.jobs.core.Launcher;
import org.ipsjobs.jobs.core.Sweeper;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.jobs.store.memory.InMemoryJobStore;
import org.ipsjobs.run.JobExecution;
import org.ipsjobs.run.JobRunner;
import org.ipsjobs.run.RunControls;
import org.ipsjobs.run.RunnerRegistry;
import org.ipsjobs.run.SimulatedRunner;
import org.ipsjobs.run.WorkerPool;
import org.ipsjobs.schedule.ClockScheduler;
import org.ipsjobs.time.ServiceClock;

/**
 * The service's parts below the entry points, wired in one place: clock, store, user directory,
 * runners and workers, scheduler, sweeper, and the job service every entry point calls (with its
 * role checks). {@link IpsJobServer}, the tests and the benchmark harness all build through
 * {@link #builder}; each part can be replaced there (another store, a runner for a job type, a frozen
 * clock).
 */
public final class ServiceComponents implements AutoCloseable {

    private final ServiceClock clock;
    private final JobStore store;
    private final UserDirectory directory;
    private final WorkerPool workers;
    private final RunControls controls;
    private final ClockScheduler scheduler;
    private final CoreJobService core;
    private final JobService service;
    private final Sweeper sweeper;
    private final JobSettings settings;
    private final Launcher launcher;

    private ServiceComponents(Builder b) {
        this.settings = b.settings.jobs();
        this.clock = b.clock != null ? b.clock : ServiceClock.system(settings.zone());
        this.store = b.store != null ? b.store : new InMemoryJobStore();
        this.directory = new UserDirectory(b.settings.companies(), b.settings.users(), clock);
        this.workers = new WorkerPool(settings.workers(), clock);
        this.controls = new RunControls();
        this.scheduler = new ClockScheduler(this::fired, clock, settings.zone());
        Sweeper sweeper = new Sweeper(store, scheduler, clock, settings);
        this.sweeper = sweeper;
        Launcher launcher = new Launcher(store, controls, b.runners, workers, settings,
                new JobExecution.Setting(store, controls, clock, settings.pace(), sweeper::poke));
        this.launcher = launcher;
        this.core = new CoreJobService(store, directory, scheduler, launcher, clock, settings);
        this.service = new GuardedJobService(core);
    }

    /** The scheduler's fires go to the launcher, which is built after it (the sweeper between needs both). */
    private void fired(String key, java.time.Instant due) {
        launcher.fired(key, due);
    }

    public static Builder builder(ServiceSettings settings) {
        return new Builder(settings);
    }

    /** Starts the background threads: the scheduler and the sweeper. */
    public void start() {
        scheduler.start();
        sweeper.start();
    }

    /** The job service every entry point calls, role checks included. */
    public JobService service() {
        return service;
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

    public JobSettings settings() {
        return settings;
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
    }

    /** Chooses the parts; what is not chosen gets the default. */
    public static final class Builder {
        private final ServiceSettings settings;
        private ServiceClock clock;
        private JobStore store;
        private final RunnerRegistry runners = new RunnerRegistry(new SimulatedRunner());

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

        /** The runner for one job type (default: the simulated runner for every type). */
        public Builder runner(JobType type, JobRunner runner) {
            runners.register(type, runner);
            return this;
        }

        public ServiceComponents build() {
            return new ServiceComponents(this);
        }
    }
}
