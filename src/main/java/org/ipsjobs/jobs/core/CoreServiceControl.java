package org.ipsjobs.jobs.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.control.RunEvents;
import org.ipsjobs.control.Seed;
import org.ipsjobs.control.SeedReport;
import org.ipsjobs.control.ServiceControl;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.run.RunControls;
import org.ipsjobs.run.WorkerPool;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.schedule.TriggerInfo;
import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ServiceControl} over the service's parts. */
public final class CoreServiceControl implements ServiceControl {

    private static final Logger LOG = LoggerFactory.getLogger(CoreServiceControl.class);
    /** How long a reset waits for stopped runs to wind down: 200 waits of 50 ms. */
    private static final int RESET_WAITS = 200;

    private final CoreJobService core;
    private final JobStore store;
    private final JobScheduler scheduler;
    private final RunControls controls;
    private final WorkerPool workers;
    private final LiveJobSettings settings;
    private final JobSettings configured;
    private final UserDirectory directory;
    private final List<Company> configuredCompanies;
    private final List<User> configuredUsers;
    private final ServiceClock clock;
    private final RunEvents events;
    private final Sweeper sweeper;
    private final Seeding seeding;
    private volatile Seed startupSeed = Seed.EMPTY;
    private final Object idle = new Object();

    /**
     * @param configuredCompanies the companies a reset returns to
     * @param configuredUsers the users a reset returns to
     */
    public CoreServiceControl(CoreJobService core, JobStore store, JobScheduler scheduler, RunControls controls,
            WorkerPool workers, LiveJobSettings settings, UserDirectory directory,
            Collection<Company> configuredCompanies, Collection<User> configuredUsers, ServiceClock clock,
            RunEvents events, Sweeper sweeper, Launcher launcher) {
        this.core = core;
        this.store = store;
        this.scheduler = scheduler;
        this.controls = controls;
        this.workers = workers;
        this.settings = settings;
        this.configured = settings.get();
        this.directory = directory;
        this.configuredCompanies = List.copyOf(configuredCompanies);
        this.configuredUsers = List.copyOf(configuredUsers);
        this.clock = clock;
        this.events = events;
        this.sweeper = sweeper;
        this.seeding = new Seeding(core.submissions(), launcher, store, scheduler, directory, clock);
    }

    /**
     * Applies the seed given at start-up, and remembers it: every reset applies it again.
     *
     * @throws SeedException when the service refuses it
     */
    public SeedReport seedAtStartup(Seed seed) {
        SeedReport report = seeding.apply(seed);
        startupSeed = seed;
        return report;
    }

    @Override
    public SeedReport seed(Seed seed) {
        return seeding.apply(seed);
    }

    /** Called whenever a run finishes, so a reset waiting for runs to end looks again. */
    public void runFinished() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    @Override
    public Status status() {
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            byState.put(state.wireName(), 0);
        }
        int schedules = 0;
        for (Company company : directory.companies()) {
            for (RunRecord run : store.runsOfCompany(company.handle())) {
                byState.merge(run.state().wireName(), 1, Integer::sum);
            }
            for (JobRecord job : store.scheduledJobs(company.handle())) {
                if (scheduler.trigger(job.handle().value()).isPresent()) {
                    schedules++;
                }
            }
        }
        return new Status(byState, (int) store.counts().jobs(), schedules, clock());
    }

    @Override
    public synchronized void reset() {
        scheduler.clear();
        int stopped = core.stopAllForShutdown();
        awaitNoActiveRuns();
        store.clear();
        controls.clear();
        settings.set(configured);
        workers.resize(configured.workers());
        directory.replace(configuredCompanies, configuredUsers);
        if (!startupSeed.isEmpty()) {
            seeding.apply(startupSeed);
        }
        LOG.info("reset: every job, run, schedule and log forgotten ({} runs were stopped)", stopped);
    }

    /** Stopped runs end at their next item; the store is cleared only when none is still writing to it. */
    private void awaitNoActiveRuns() {
        synchronized (idle) {
            for (int i = 0; i < RESET_WAITS && !store.activeRuns().isEmpty(); i++) {
                try {
                    idle.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!store.activeRuns().isEmpty()) {
            LOG.warn("reset: {} runs had not ended after 10 s; forgetting them anyway", store.activeRuns().size());
        }
    }

    @Override
    public List<HeldJob> jobs() {
        List<HeldJob> out = new ArrayList<>();
        for (Company company : directory.companies()) {
            for (JobRecord job : store.jobsOf(company.handle())) {
                out.add(held(job));
            }
            List<RunRecord> orphans = store.runsOfCompany(company.handle()).stream()
                    .filter(r -> store.job(r.handle().job().value()).isEmpty()).toList();
            if (!orphans.isEmpty()) {
                out.add(new HeldJob(null, null, orphans));
            }
        }
        return out;
    }

    private HeldJob held(JobRecord job) {
        return new HeldJob(job, scheduler.trigger(job.handle().value()).orElse(null), store.runsOf(job.handle()));
    }

    @Override
    public Optional<HeldJob> job(String handle) {
        if (handle == null) {
            return Optional.empty();
        }
        Optional<JobRecord> job = store.job(handle);
        if (job.isPresent()) {
            return Optional.of(held(job.get()));
        }
        Optional<RunRecord> run = store.run(handle);
        if (run.isPresent()) {
            JobRecord of = store.job(run.get().handle().job().value()).orElse(null);
            TriggerInfo trigger = of == null ? null : scheduler.trigger(of.handle().value()).orElse(null);
            return Optional.of(new HeldJob(of, trigger, List.of(run.get())));
        }
        List<RunRecord> ofDeleted = store.runsOf(handle);
        return ofDeleted.isEmpty() ? Optional.empty() : Optional.of(new HeldJob(null, null, ofDeleted));
    }

    @Override
    public boolean release(String handle) {
        Optional<RunRecord> run = store.run(handle == null ? "" : handle)
                .or(() -> store.runsOf(handle).stream().filter(RunRecord::isActive).findFirst());
        if (run.isEmpty()) {
            return false;
        }
        boolean stallReleased = controls.release(run.get().handle().value());
        if (stallReleased) {
            clock.wakeUp(); // the stalled run waits on the clock
        }
        boolean holdReleased = core.control().releaseHeld(run.get());
        return stallReleased || holdReleased;
    }

    @Override
    public ClockState clock() {
        return new ClockState(clock.mode(), clock.instant(), clock.offset(), clock.getZone());
    }

    @Override
    public ClockState freezeAt(Instant at) {
        clock.freezeAt(at);
        return clock();
    }

    @Override
    public ClockState runAtOffset(Duration offset) {
        clock.runAtOffset(offset);
        return clock();
    }

    @Override
    public ClockState runReal() {
        clock.runReal();
        return clock();
    }

    @Override
    public synchronized AdvanceReport advance(Duration by) {
        Instant from = clock.instant();
        events.start();
        int steps;
        RunEvents.Recording recording;
        try {
            steps = clock.advance(by);
        } finally {
            recording = events.stop();
        }
        return new AdvanceReport(from, clock.instant(), steps, recording.events(), recording.dropped());
    }

    @Override
    public RuntimeSettings settings() {
        JobSettings s = settings.get();
        return new RuntimeSettings(s.pace(), s.workers(), s.doneLinger());
    }

    @Override
    public synchronized RuntimeSettings changeSettings(Duration pace, Integer workers, Duration doneLinger) {
        JobSettings s = settings.get();
        JobSettings next = new JobSettings(s.serverName(), s.zone(), workers == null ? s.workers() : workers,
                pace == null ? s.pace() : pace, s.defaultItemCount(), doneLinger == null ? s.doneLinger() : doneLinger,
                s.maxJobNameLength(), s.maxWorkItems(), s.maxLogRows());
        settings.set(next);
        this.workers.resize(next.workers());
        sweeper.poke(); // its next expiry depends on the linger time
        return settings();
    }
}
