package org.ipsjobs.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.schedule.InvalidScheduleException;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.schedule.ScheduleExpression;
import org.ipsjobs.schedule.TriggerInfo;
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
    private static final int MAX_DETAIL_PAGE = 1000;

    private final JobStore store;
    private final UserDirectory directory;
    private final Executor workers;
    private final Clock clock;
    private final JobSettings settings;
    private final Function<JobType, JobRunner> runners;
    private final AtomicLong runIds = new AtomicLong();
    private final AtomicLong logIds = new AtomicLong();
    // per company, so an asset handle says nothing about how busy other companies are
    private final Map<String, AtomicLong> assetIds = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile JobScheduler scheduler;

    /**
     * @param runners the runner for each job type
     * @param workers runs queued jobs; its thread count bounds how many run at once
     */
    public JobCoordinator(JobStore store, UserDirectory directory, Function<JobType, JobRunner> runners,
            Executor workers, Clock clock, JobSettings settings) {
        this.store = store;
        this.directory = directory;
        this.runners = runners;
        this.workers = workers;
        this.clock = clock;
        this.settings = settings;
    }

    /** Connects the scheduler whose fires this coordinator handles; called once during start-up. */
    public void attach(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    // ---------------------------------------------------------------- submit

    @Override
    public JobHandle submit(Caller caller, JobRequest request) {
        String company = requireCompany(caller, request.companyHandle());
        String jobName = checkJobName(request.jobName());
        JobDetail detail = singleDetail(request.details());
        if (detail.workItems().size() > settings.maxWorkItems()) {
            throw InvalidRequestException.invalid(detail.type().wireName() + " job has " + detail.workItems().size()
                    + " items; at most " + settings.maxWorkItems() + " are allowed in one job");
        }
        ExecTiming timing = timing(request.execTime(), request.execSchedule());
        String notifyUser = null;
        if (request.userHandle() != null && !request.userHandle().isBlank()) {
            notifyUser = requestUser(caller, request.userHandle(), List.of(company)).email();
        }
        String uniqueName = store.reserveName(company, jobName);
        JobDefinition job = new JobDefinition(new JobHandle(company, uniqueName), jobName, caller.email(), notifyUser,
                blankToNull(request.locale()), blankToNull(request.description()), timing, detail, clock.instant());
        store.storeJob(job);
        String handle = job.handle().value();
        try {
            if (timing instanceof ExecTiming.At at) {
                scheduler.scheduleOnce(handle, at.time());
            } else if (timing instanceof ExecTiming.Recurring recurring) {
                scheduler.scheduleRecurring(handle, recurring.schedule());
            } else {
                startRun(job, clock.instant());
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

    private ExecTiming timing(Instant execTime, String execSchedule) {
        boolean hasSchedule = execSchedule != null && !execSchedule.isBlank();
        if (execTime != null && hasSchedule) {
            throw InvalidRequestException.invalid("execTime and execSchedule are both set; send at most one of them");
        }
        if (execTime != null) {
            return new ExecTiming.At(execTime);
        }
        if (execSchedule != null) {
            try {
                return new ExecTiming.Recurring(ScheduleExpression.parse(execSchedule));
            } catch (InvalidScheduleException e) {
                throw InvalidRequestException.invalid(e.getMessage());
            }
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
        List<WorkItem> items = job.workItems().isEmpty()
                ? IntStream.rangeClosed(1, settings.defaultItemCount()).mapToObj(i -> WorkItem.named("item " + i)).toList()
                : job.workItems();
        JobRun run = new JobRun(runIds.incrementAndGet(), job, triggerTime, items.size(), "Waiting for a worker");
        store.storeRun(run);
        workers.execute(execution(run, items));
    }

    private JobExecution execution(JobRun run, List<WorkItem> items) {
        return new JobExecution(run, items, runners.apply(run.job().type()), clock, settings.pace(),
                logIds::incrementAndGet, () -> "a|" + run.job().companyHandle() + "|"
                        + assetIds.computeIfAbsent(run.job().companyHandle(), c -> new AtomicLong()).incrementAndGet(),
                store::storeLog);
    }

    // ---------------------------------------------------------------- listing

    @Override
    public List<RunSnapshot> activeJobs(Caller caller, JobFilter filter) {
        Instant now = clock.instant();
        Stream<JobRun> candidates;
        if (filter.jobHandle() != null) {
            candidates = store.retrieveRun(filter.jobHandle()).stream();
        } else {
            candidates = visibleCompanies(caller, filter.companyHandle()).stream()
                    .flatMap(c -> store.runsOfCompany(c).stream());
        }
        Set<String> companies = filter.jobHandle() == null ? null : Set.copyOf(visibleCompanies(caller, filter.companyHandle()));
        return candidates
                .filter(run -> companies == null || companies.contains(run.job().companyHandle()))
                .filter(run -> !sweepIfExpired(run, now))
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
        Collection<String> companies = visibleCompanies(caller, filter.companyHandle());
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
            if (run.get().release()) {
                workers.execute(execution(run.get(), itemsOf(run.get())));
            }
        }
        if (!resumed && !released) {
            throw InvalidRequestException.invalid("Job '" + handle + "' has no schedule and no held run to resume");
        }
        LOG.info("job {} resumed by {}", handle, caller.email());
    }

    private List<WorkItem> itemsOf(JobRun run) {
        return run.job().workItems().isEmpty()
                ? IntStream.rangeClosed(1, run.snapshot().totalSize()).mapToObj(i -> WorkItem.named("item " + i)).toList()
                : run.job().workItems();
    }

    @Override
    public void stop(Caller caller, String companyHandle, String jobHandle) {
        JobDefinition job = findJob(caller, companyHandle, jobHandle);
        JobRun run = store.retrieveRun(job.handle().value()).filter(JobRun::isActive)
                .orElseThrow(() -> InvalidRequestException.invalid("Job '" + job.handle() + "' is not running"));
        stopRun(run, caller.email());
        LOG.info("job {} stop requested by {}", job.handle(), caller.email());
    }

    private void stopRun(JobRun run, String requestedBy) {
        if (run.requestStop(clock.instant(), requestedBy) == JobRun.StopResult.STOPPED_BEFORE_START) {
            // no worker will pick it up, so its log is written here
            Instant now = clock.instant();
            JobDefinition job = run.job();
            store.storeLog(new JobLogRecord(logIds.incrementAndGet(), job, run.snapshot().startDate(), now, 0, 0, 0,
                    run.snapshot().totalSize(), false, List.of(new LogDetail(LogFamily.FILE_CANCEL,
                            LogMessage.of("job.stoppedBeforeStart", job.name(), requestedBy), now, null, null, null))));
        }
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
        Collection<String> companies = visibleCompanies(caller, query.companyHandle());
        String userEmail = null;
        if (query.userHandle() != null && !query.userHandle().isBlank()) {
            userEmail = requestUser(caller, query.userHandle(), companies).email();
        }
        int limit = query.numRows() == null ? settings.maxLogRows() : query.numRows();
        if (limit < 1) {
            throw InvalidRequestException.invalid("numRows must be at least 1; got " + limit);
        }
        limit = Math.min(limit, settings.maxLogRows());
        Comparator<JobLogRecord> order = logOrder(query.sortBy(), query.direction());
        String email = userEmail;
        // keep only the best `limit` logs while scanning, so memory stays bounded whatever the store holds
        PriorityQueue<JobLogRecord> best = new PriorityQueue<>(order.reversed());
        int keep = limit;
        companies.stream().flatMap(store::logsOfCompany)
                .filter(log -> email == null || email.equalsIgnoreCase(log.job().submitUserEmail()))
                .filter(log -> query.startDate() == null || !log.startDate().isBefore(query.startDate()))
                .filter(log -> query.endDate() == null || !log.endDate().isAfter(query.endDate()))
                .forEach(log -> {
                    best.add(log);
                    if (best.size() > keep) {
                        best.poll();
                    }
                });
        List<JobLogRecord> result = new ArrayList<>(best);
        result.sort(order);
        return result;
    }

    private Comparator<JobLogRecord> logOrder(JobLogSortField field, SortDirection direction) {
        Comparator<JobLogRecord> by = switch (field) {
            case JOB_NAME -> Comparator.comparing((JobLogRecord l) -> l.job().name(), String.CASE_INSENSITIVE_ORDER);
            case LOG_TYPE -> Comparator.comparing(JobLogRecord::logType);
            case START_DATE -> Comparator.comparing(JobLogRecord::startDate);
            case COMPANY_NAME -> Comparator.comparing((JobLogRecord l) -> companyName(l.companyHandle()),
                    String.CASE_INSENSITIVE_ORDER);
            case USER_ID, EMAIL -> Comparator.comparing((JobLogRecord l) -> l.job().submitUserEmail(),
                    String.CASE_INSENSITIVE_ORDER);
            case FILE_ERROR_COUNT -> Comparator.comparingInt(JobLogRecord::errorCount);
            case FILE_WARNING_COUNT -> Comparator.comparingInt(JobLogRecord::warningCount);
            case FILE_SUCCESS_COUNT -> Comparator.comparingInt(JobLogRecord::successCount);
        };
        // the log id breaks ties, so equal keys come out in a stable, writing order
        by = by.thenComparingLong(JobLogRecord::id);
        return direction == SortDirection.DESCENDING ? by.reversed() : by;
    }

    private String companyName(String handle) {
        return directory.company(handle).map(Company::name).orElse(handle);
    }

    @Override
    public List<LogPage> jobLogDetails(Caller caller, LogDetailQuery query) {
        String company = requireCompany(caller, query.companyHandle());
        int perPage = query.recordsPerPage() == null ? MAX_DETAIL_PAGE : query.recordsPerPage();
        int page = query.resultsPage() == null ? 1 : query.resultsPage();
        if (perPage < 1) {
            throw InvalidRequestException.invalid("recordsPerPage must be between 1 and " + MAX_DETAIL_PAGE
                    + "; got " + perPage);
        }
        if (page < 1) {
            throw InvalidRequestException.invalid("resultsPage must be 1 or more; got " + page);
        }
        perPage = Math.min(perPage, MAX_DETAIL_PAGE);
        Stream<JobLogRecord> logs;
        if (query.jobHandle() != null) {
            logs = store.logsOfJob(query.jobHandle()).stream().filter(l -> l.companyHandle().equals(company));
        } else {
            logs = store.logsOfCompany(company).limit(settings.maxLogRows());
        }
        if (query.originalName() != null) {
            logs = logs.filter(l -> l.job().originalName().equals(query.originalName()));
        }
        int from = (page - 1) * perPage;
        int size = perPage;
        return logs.map(log -> {
            List<LogDetail> rows = sortedLines(log.details(), query);
            List<LogDetail> pageRows = from >= rows.size() ? List.of() : rows.subList(from, Math.min(rows.size(), from + size));
            return new LogPage(log, rows.size(), pageRows);
        }).toList();
    }

    /** The log's lines that pass the type filter, in the requested order; equal keys keep writing order. */
    private static List<LogDetail> sortedLines(List<LogDetail> details, LogDetailQuery query) {
        Comparator<Integer> order = query.sortBy() == DetailSortField.LOG_TYPE
                ? Comparator.comparing((Integer i) -> details.get(i).logType())
                        .thenComparing(i -> details.get(i).dateCreated())
                : Comparator.comparing((Integer i) -> details.get(i).dateCreated());
        order = order.thenComparing(Comparator.naturalOrder()); // the line's position breaks ties
        if (query.direction() == SortDirection.DESCENDING) {
            order = order.reversed();
        }
        return IntStream.range(0, details.size()).boxed()
                .filter(i -> query.logTypes().isEmpty() || query.logTypes().contains(details.get(i).logType()))
                .sorted(order).map(details::get).toList();
    }

    @Override
    public List<AssetLogEntry> assetJobLogs(Caller caller, String companyHandle, String assetHandle) {
        String company = requireCompany(caller, companyHandle);
        if (assetHandle == null || assetHandle.isBlank()) {
            throw InvalidRequestException.missing("assetHandle is required");
        }
        return store.assetLogs(company, assetHandle);
    }

    // ---------------------------------------------------------------- housekeeping

    /** Removes every finished run whose linger time is over; called periodically. */
    public void sweep() {
        Instant now = clock.instant();
        for (JobRun run : store.allRuns()) {
            sweepIfExpired(run, now);
        }
    }

    /** Removes the run if it finished longer ago than the linger time; returns whether it is gone. */
    private boolean sweepIfExpired(JobRun run, Instant now) {
        Instant doneAt = run.snapshot().doneAt();
        if (doneAt == null || now.isBefore(doneAt.plus(settings.doneLinger()))) {
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

    // ---------------------------------------------------------------- access

    /** The company handle, checked to exist and be open to the caller. */
    private String requireCompany(Caller caller, String companyHandle) {
        if (companyHandle == null || companyHandle.isBlank()) {
            throw InvalidRequestException.missing("companyHandle is required");
        }
        boolean exists = directory.company(companyHandle).isPresent();
        if (exists && caller.mayAccess(companyHandle)) {
            return companyHandle;
        }
        if (!exists && caller.user().seesAllCompanies()) {
            throw new AuthorizationException(AuthorizationException.Reason.INVALID_COMPANY,
                    "Company '" + companyHandle + "' does not exist");
        }
        // a non-admin learns nothing about companies it does not belong to, not even whether they exist
        throw new AuthorizationException(AuthorizationException.Reason.ILLEGAL_COMPANY,
                "User " + caller.email() + " does not have access to company '" + companyHandle + "'");
    }

    /** The companies a listing covers: the one asked for, or every company open to the caller. */
    private Collection<String> visibleCompanies(Caller caller, String companyHandle) {
        if (companyHandle != null && !companyHandle.isBlank()) {
            return List.of(requireCompany(caller, companyHandle));
        }
        if (caller.user().seesAllCompanies()) {
            return directory.companies().stream().map(Company::handle).toList();
        }
        return caller.user().companies();
    }

    /**
     * The user a request names in userHandle: 20002 when there is no such user (or none the caller
     * may know of), 20007 when the user exists but not in the companies the request is about.
     */
    private User requestUser(Caller caller, String userHandle, Collection<String> companies) {
        Optional<User> user = directory.userByHandle(userHandle)
                .filter(u -> caller.user().seesAllCompanies() || u.companies().stream().anyMatch(caller::mayAccess));
        if (user.isEmpty()) {
            throw new AuthorizationException(AuthorizationException.Reason.INVALID_REQUEST_USER,
                    "userHandle '" + userHandle + "' does not name a user");
        }
        if (companies.stream().noneMatch(user.get()::belongsTo)) {
            throw new AuthorizationException(AuthorizationException.Reason.ILLEGAL_REQUEST_USER,
                    "User '" + userHandle + "' is not a member of company " + String.join(", ", companies));
        }
        return user.get();
    }

    private JobDefinition findJob(Caller caller, String companyHandle, String jobHandle) {
        String company = requireCompany(caller, companyHandle);
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
}
