package org.ipsjobs.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.schedule.InvalidScheduleException;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.schedule.ScheduleExpression;
import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobService}: applies the job API's rules and coordinates the store, the scheduler and
 * the workers.
 *
 * <p>Submitted jobs that run now are queued on the worker executor at once; scheduled ones are handed
 * to the {@link JobScheduler}, whose fires come back through {@link #fired(String, Instant)}. A job
 * has at most one active run: a fire that finds the previous run still active is skipped. Finished
 * runs stay listed for the configured linger time, then are swept; a job with no trigger left is
 * forgotten with its run, while its logs stay.
 */
public final class JobCoordinator implements JobService {

    private static final Logger LOG = LoggerFactory.getLogger(JobCoordinator.class);
    /** execTime outside these is surely a mistake, and past the latest it could not be written as xsd:dateTime. */
    static final Instant EARLIEST_EXEC_TIME = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST_EXEC_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final JobStore store;
    private final CompanyAccess access;
    private final JobLogSearch logs;
    private final Executor workers;
    private final ServiceClock clock;
    private final JobSettings settings;
    private final Function<JobType, JobRunner> runners;
    private final AtomicLong runIds = new AtomicLong();
    private final AtomicLong logIds = new AtomicLong();
    // per company, so an asset handle says nothing about how busy other companies are
    private final Map<String, AtomicLong> assetIds = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<WorkItem> defaultItems; // shared by every job whose detail names no items
    private volatile JobScheduler scheduler;
    private volatile Runnable runFinished = () -> { };

    /**
     * @param runners the runner for each job type
     * @param workers runs queued jobs; its thread count bounds how many run at once
     */
    public JobCoordinator(JobStore store, UserDirectory directory, Function<JobType, JobRunner> runners,
            Executor workers, ServiceClock clock, JobSettings settings) {
        this.store = store;
        this.access = new CompanyAccess(directory);
        this.logs = new JobLogSearch(store, access, settings.maxLogRows());
        this.runners = runners;
        this.workers = workers;
        this.clock = clock;
        this.settings = settings;
        this.defaultItems = IntStream.rangeClosed(1, settings.defaultItemCount())
                .mapToObj(i -> WorkItem.named("item " + i)).toList();
    }

    /** Called after every run ends and writes its log (the sweeper waits for the next expiry). */
    public void onRunFinished(Runnable listener) {
        this.runFinished = listener;
    }

    /** Connects the scheduler whose fires this coordinator handles; called once during start-up. */
    public void attach(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    // ---------------------------------------------------------------- submit

    @Override
    public JobHandle submit(Caller caller, JobRequest request) {
        ApiText.require("companyHandle", request.companyHandle());
        ApiText.require("userHandle", request.userHandle());
        ApiText.require("jobName", request.jobName());
        ApiText.require("locale", request.locale());
        ApiText.require("execSchedule", request.execSchedule());
        ApiText.require("description", request.description());
        String company = access.requireCompany(caller, request.companyHandle());
        String jobName = checkJobName(request.jobName());
        JobDetail detail = singleDetail(request.details());
        if (detail.workItems().size() > settings.maxWorkItems()) {
            throw InvalidRequestException.invalid(detail.type().wireName() + " job has " + detail.workItems().size()
                    + " items; at most " + settings.maxWorkItems() + " are allowed in one job");
        }
        ExecTiming timing = timing(request.execTime(), request.execSchedule(), clock.instant());
        String notifyUser = null;
        if (request.userHandle() != null && !request.userHandle().isBlank()) {
            notifyUser = access.requestUser(caller, request.userHandle(), List.of(company)).email();
        }
        String uniqueName = store.reserveName(company, jobName);
        Instant now = clock.instant();
        JobDefinition job = new JobDefinition(new JobHandle(company, uniqueName), jobName, caller.email(), notifyUser,
                blankToNull(request.locale()), blankToNull(request.description()), timing, detail, now);
        store.storeJob(job);
        String handle = job.handle().value();
        try {
            if (timing instanceof ExecTiming.At at) {
                scheduler.scheduleOnce(handle, at.time());
            } else if (timing instanceof ExecTiming.Recurring recurring) {
                scheduler.scheduleRecurring(handle, recurring.schedule());
            } else {
                startRun(job, now);
            }
        } catch (RuntimeException e) {
            store.removeJob(handle);
            throw e;
        }
        LOG.info("job {} submitted by {}: {} {}", handle, caller.email(), job.type().wireName(), describe(timing));
        return job.handle();
    }

    private String checkJobName(String name) {
        if (name == null || name.isBlank()) {
            throw InvalidRequestException.missing("jobName is required and must not be blank");
        }
        if (name.length() > settings.maxJobNameLength()) {
            throw InvalidRequestException.invalid("jobName is " + name.length() + " characters long; at most "
                    + settings.maxJobNameLength() + " are allowed");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequestException.invalid("jobName must not contain control characters");
        }
        return name.strip();
    }

    private static JobDetail singleDetail(List<JobDetail> details) {
        if (details.isEmpty()) {
            throw InvalidRequestException.missing("submitJob needs one job-detail element, such as "
                    + "imageServingPublishJob or uploadUrlsJob; none was sent");
        }
        if (details.size() > 1) {
            throw InvalidRequestException.invalid("submitJob takes exactly one job-detail element; got "
                    + details.stream().map(d -> d.type().wireName()).collect(Collectors.joining(" and ")));
        }
        return details.get(0);
    }

    private ExecTiming timing(Instant execTime, String execSchedule, Instant now) {
        boolean hasSchedule = execSchedule != null && !execSchedule.isBlank();
        if (execTime != null && hasSchedule) {
            throw InvalidRequestException.invalid("execTime and execSchedule are both set; send at most one of them");
        }
        if (execTime != null) {
            if (execTime.isBefore(EARLIEST_EXEC_TIME) || execTime.isAfter(LATEST_EXEC_TIME)) {
                throw InvalidRequestException.invalid("execTime " + execTime + " is outside the accepted range "
                        + EARLIEST_EXEC_TIME + " to " + LATEST_EXEC_TIME);
            }
            return new ExecTiming.At(execTime);
        }
        if (execSchedule != null) {
            ScheduleExpression schedule;
            try {
                schedule = ScheduleExpression.parse(execSchedule);
            } catch (InvalidScheduleException e) {
                throw InvalidRequestException.invalid(e.getMessage());
            }
            if (schedule.nextFireAfter(now, settings.zone()).isEmpty()) {
                throw InvalidRequestException.invalid("execSchedule '" + execSchedule + "' never fires from now on (it"
                        + " names a date that does not exist, or only years that are over)");
            }
            return new ExecTiming.Recurring(schedule);
        }
        return new ExecTiming.Immediate();
    }

    private static String describe(ExecTiming timing) {
        if (timing instanceof ExecTiming.At at) {
            return "to run at " + at.time();
        }
        if (timing instanceof ExecTiming.Recurring recurring) {
            return "on schedule '" + recurring.schedule().text() + "'";
        }
        return "to run now";
    }

    // ---------------------------------------------------------------- running

    /** Called by the scheduler each time a job's trigger fires. */
    public void fired(String jobHandle, Instant dueTime) {
        Optional<JobDefinition> job = store.retrieveJob(jobHandle);
        if (job.isEmpty()) {
            return; // deleted while the fire was on its way
        }
        Optional<JobRun> previous = store.retrieveRun(jobHandle);
        if (previous.isPresent() && previous.get().isActive()) {
            LOG.warn("schedule of job {} fired while its previous run was still {}; this fire is skipped", jobHandle,
                    previous.get().state().wireName());
            return;
        }
        startRun(job.get(), dueTime);
    }

    private void startRun(JobDefinition job, Instant triggerTime) {
        List<WorkItem> items = job.workItems().isEmpty() ? defaultItems : job.workItems();
        JobRun run = new JobRun(runIds.incrementAndGet(), job, triggerTime, items.size(), "Waiting for a worker");
        store.storeRun(run);
        workers.execute(execution(run, items));
    }

    private JobExecution execution(JobRun run, List<WorkItem> items) {
        return new JobExecution(run, items, runners.apply(run.job().type()), clock, settings.pace(),
                logIds::incrementAndGet, () -> "a|" + run.job().companyHandle() + "|"
                        + assetIds.computeIfAbsent(run.job().companyHandle(), c -> new AtomicLong()).incrementAndGet(),
                log -> {
                    store.storeLog(log);
                    runFinished.run();
                });
    }

    // ---------------------------------------------------------------- listing

    @Override
    public List<RunSnapshot> activeJobs(Caller caller, JobFilter filter) {
        Instant now = clock.instant();
        Stream<JobRun> candidates;
        if (filter.jobHandle() != null) {
            candidates = store.retrieveRun(filter.jobHandle()).stream();
        } else {
            candidates = access.visibleCompanies(caller, filter.companyHandle()).stream()
                    .flatMap(c -> store.runsOfCompany(c).stream());
        }
        Set<String> companies = filter.jobHandle() == null ? null : Set.copyOf(access.visibleCompanies(caller, filter.companyHandle()));
        return candidates
                .filter(run -> companies == null || companies.contains(run.job().companyHandle()))
                .filter(run -> !expired(run, now)) // the sweeper removes them; a listing only skips them
                .map(JobRun::snapshot)
                .filter(s -> filter.originalName() == null || filter.originalName().equals(s.job().originalName()))
                .filter(s -> filter.includeWaiting() || !isWaiting(s.state()))
                .sorted(Comparator.comparing((RunSnapshot s) -> s.triggerTime()).thenComparing(s -> s.job().name()))
                .toList();
    }

    private static boolean isWaiting(JobState state) {
        return state == JobState.NEW || state == JobState.WAITING_CLIENT || state == JobState.WAITING_COORDINATOR;
    }

    @Override
    public List<ScheduledJobView> scheduledJobs(Caller caller, JobFilter filter) {
        Collection<String> companies = access.visibleCompanies(caller, filter.companyHandle());
        Stream<JobDefinition> candidates;
        if (filter.jobHandle() != null) {
            candidates = store.retrieveJob(filter.jobHandle()).stream()
                    .filter(job -> companies.contains(job.companyHandle()));
        } else {
            candidates = companies.stream().flatMap(c -> store.scheduledJobsOfCompany(c).stream());
        }
        List<ScheduledJobView> views = new ArrayList<>();
        candidates.filter(job -> filter.originalName() == null || filter.originalName().equals(job.originalName()))
                .filter(job -> job.timing().isScheduled())
                .forEach(job -> scheduler.trigger(job.handle().value())
                        .ifPresent(trigger -> views.add(new ScheduledJobView(job, trigger))));
        views.sort(Comparator.comparing((ScheduledJobView v) -> v.job().submittedAt()).thenComparing(v -> v.job().name()));
        return views;
    }

    // ---------------------------------------------------------------- control

    @Override
    public void pause(Caller caller, String companyHandle, String jobHandle) {
        JobDefinition job = findJob(caller, companyHandle, jobHandle);
        String handle = job.handle().value();
        boolean paused = scheduler.trigger(handle).isPresent() && scheduler.pause(handle);
        Optional<JobRun> run = store.retrieveRun(handle);
        boolean held = run.isPresent() && run.get().hold();
        if (!paused && !held) {
            throw InvalidRequestException.invalid("Job '" + handle + "' has no schedule and no queued run to pause"
                    + (run.isPresent() && run.get().isActive() ? "; it is " + run.get().state().wireName()
                            + ", use stopJob to stop it" : ""));
        }
        LOG.info("job {} paused by {}", handle, caller.email());
    }

    @Override
    public void resume(Caller caller, String companyHandle, String jobHandle) {
        JobDefinition job = findJob(caller, companyHandle, jobHandle);
        String handle = job.handle().value();
        boolean resumed = scheduler.trigger(handle).isPresent() && scheduler.resume(handle);
        Optional<JobRun> run = store.retrieveRun(handle);
        boolean released = false;
        if (run.isPresent() && run.get().isHeld()) {
            released = true;
            Runnable setAside = run.get().release();
            if (setAside != null) {
                workers.execute(setAside);
            }
        }
        if (!resumed && !released) {
            throw InvalidRequestException.invalid("Job '" + handle + "' has no schedule and no held run to resume");
        }
        LOG.info("job {} resumed by {}", handle, caller.email());
    }

    @Override
    public void stop(Caller caller, String companyHandle, String jobHandle) {
        JobDefinition job = findJob(caller, companyHandle, jobHandle);
        Optional<JobRun> run = store.retrieveRun(job.handle().value()).filter(JobRun::isActive);
        if (run.isEmpty()) {
            // a client that stops a job it just saw listed races the job's end every day: IPS answers
            // success and changes nothing
            LOG.info("job {} stop requested by {}: it is not running, nothing to do", job.handle(), caller.email());
            return;
        }
        stopRun(run.get(), caller.email());
        LOG.info("job {} stop requested by {}", job.handle(), caller.email());
    }

    private void stopRun(JobRun run, String requestedBy) {
        JobRun.StopResult result = requestedBy == null ? run.requestShutdownStop(clock.instant())
                : run.requestStop(clock.instant(), requestedBy);
        clock.wakeUp(); // a runner waiting out its pace sees the stop at once
        if (result == JobRun.StopResult.STOPPED_BEFORE_START) {
            // no worker will pick it up, so its log is written here
            Instant now = clock.instant();
            JobDefinition job = run.job();
            LogMessage message = requestedBy == null ? LogMessage.of("job.shutdownBeforeStart", job.name())
                    : LogMessage.of("job.stoppedBeforeStart", job.name(), requestedBy);
            store.storeLog(new JobLogRecord(logIds.incrementAndGet(), job, run.snapshot().startDate(), now, 0, 0, 0,
                    run.snapshot().totalSize(), false, List.of(new LogDetail(LogFamily.FILE_CANCEL, message, now, null,
                            null, null))));
        }
    }

    /**
     * Stops every queued and running job because the server is shutting down: each ends with a
     * FileCancel log line saying so. Returns how many were stopped.
     */
    public int stopAllForShutdown() {
        int stopped = 0;
        for (JobRun run : store.allRuns()) {
            if (run.isActive()) {
                stopRun(run, null);
                LOG.info("job {} stopped: the server is shutting down", run.job().handle());
                stopped++;
            }
        }
        return stopped;
    }

    @Override
    public void delete(Caller caller, String companyHandle, String jobHandle) {
        JobDefinition job = findJob(caller, companyHandle, jobHandle);
        String handle = job.handle().value();
        if (job.timing().isScheduled()) {
            scheduler.remove(handle);
        }
        store.retrieveRun(handle).ifPresent(run -> {
            if (run.isActive()) {
                stopRun(run, caller.email());
            } else {
                store.removeRun(run);
            }
        });
        store.removeJob(handle);
        LOG.info("job {} deleted by {}", handle, caller.email());
    }

    @Override
    public void execute(Caller caller, String companyHandle, String jobHandle) {
        JobDefinition job = findJob(caller, companyHandle, jobHandle);
        String handle = job.handle().value();
        if (!job.timing().isScheduled() || scheduler.trigger(handle).isEmpty()) {
            throw InvalidRequestException.invalid("Job '" + handle + "' is not a scheduled job; only scheduled jobs "
                    + "can be executed");
        }
        Optional<JobRun> run = store.retrieveRun(handle);
        if (run.isPresent() && run.get().isActive()) {
            throw InvalidRequestException.invalid("Job '" + handle + "' is already " + run.get().state().wireName());
        }
        scheduler.fireNow(handle);
        LOG.info("job {} executed now by {}", handle, caller.email());
    }

    // ---------------------------------------------------------------- logs

    @Override
    public List<JobLogRecord> jobLogs(Caller caller, JobLogQuery query) {
        return logs.jobLogs(caller, query);
    }

    @Override
    public List<LogPage> jobLogDetails(Caller caller, LogDetailQuery query) {
        return logs.jobLogDetails(caller, query);
    }

    @Override
    public List<AssetLogEntry> assetJobLogs(Caller caller, String companyHandle, String assetHandle) {
        return logs.assetJobLogs(caller, companyHandle, assetHandle);
    }

    // ---------------------------------------------------------------- housekeeping

    /** True when the run finished longer ago than the linger time. */
    private boolean expired(JobRun run, Instant now) {
        Instant doneAt = run.snapshot().doneAt();
        return doneAt != null && !now.isBefore(doneAt.plus(settings.doneLinger()));
    }

    /** When the next finished run's linger time is over, if any run is finished. */
    public Optional<Instant> nextExpiry() {
        return store.allRuns().stream().map(r -> r.snapshot().doneAt()).filter(java.util.Objects::nonNull)
                .map(doneAt -> doneAt.plus(settings.doneLinger())).min(Instant::compareTo);
    }

    /** Removes every finished run whose linger time is over; called by the sweeper. */
    public void sweep() {
        Instant now = clock.instant();
        for (JobRun run : store.allRuns()) {
            sweepIfExpired(run, now);
        }
    }

    /** Removes the run if it finished longer ago than the linger time; returns whether it is gone. */
    private boolean sweepIfExpired(JobRun run, Instant now) {
        if (!expired(run, now)) {
            return false;
        }
        if (store.removeRun(run)) {
            String handle = run.job().handle().value();
            boolean stillScheduled = run.job().timing().isScheduled() && scheduler.trigger(handle).isPresent();
            if (!stillScheduled) {
                store.removeJob(handle);
            }
        }
        return true;
    }

    private JobDefinition findJob(Caller caller, String companyHandle, String jobHandle) {
        String company = access.requireCompany(caller, companyHandle);
        if (jobHandle == null || jobHandle.isBlank()) {
            throw InvalidRequestException.missing("jobHandle is required");
        }
        return store.retrieveJob(jobHandle).filter(job -> job.companyHandle().equals(company))
                .orElseThrow(() -> InvalidRequestException.invalid("No job with handle '" + jobHandle
                        + "' exists in company '" + company + "'"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** How many runs and logs the store holds, for monitoring and the benchmarks. */
    public Map<String, Long> counts() {
        return Map.of("runs", (long) store.runCount(), "logs", store.logCount());
    }
}
