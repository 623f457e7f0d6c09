package org.ipsjobs.jobs.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

import org.ipsjobs.jobs.api.AssetLogEntry;
import org.ipsjobs.jobs.api.JobLogSortField;
import org.ipsjobs.jobs.api.SortDirection;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunHandle;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.jobs.store.LogSearch;
import org.ipsjobs.jobs.store.NameTakenException;
import org.ipsjobs.jobs.store.StaleRecordException;

/**
 * {@link JobStore} held in memory, lost when the server stops. It cannot be shared by several nodes.
 *
 * <p>Concurrency: reads never lock; every index is a concurrent map. Writes take this store's lock,
 * so the version check of an update and the change of every index it touches happen together; a
 * reader may briefly see one index changed before another, which no operation depends on. Records
 * are immutable, so nothing is copied in or out.
 *
 * <p>Indexes: jobs by handle (a handle is made of the company id and the name, so it also keeps names
 * unique), and scheduled jobs by company; runs by handle, by company, by job (their handles), and
 * Done runs by the time they finished; logs by company in getJobLogs' default order (latest start
 * first) and by job handle (a run handle finds its logs through its job's), and log lines by asset.
 * A service may hold a million finished jobs, so every index costs as little per entry as it can.
 */
public final class InMemoryJobStore implements JobStore {

    // Writes that touch one job's records and their indexes together hold that job's stripe, so writes
    // for different jobs do not wait for each other (one lock for all of them doubled submitJob's p99
    // at 64 connections). Every record of a job (the job, its runs, their logs) maps to the same stripe.
    private static final int STRIPES = 64;
    private final Object[] stripes = new Object[STRIPES];

    {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    private Object stripe(String jobHandle) {
        return stripes[Math.floorMod(jobHandle.hashCode(), STRIPES)];
    }

    private final ConcurrentMap<String, JobRecord> jobs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, JobRecord>> scheduledByCompany = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, RunRecord> runs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, RunRecord>> runsByCompany = new ConcurrentHashMap<>();
    // a job's run handles, oldest first: a String for the usual one run, a String[] for more
    private final ConcurrentMap<String, Object> runsByJob = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<DoneKey, RunRecord> done = new ConcurrentSkipListMap<>();

    private final ConcurrentMap<String, ConcurrentSkipListMap<LogOrder, LogRecord>> logsByCompany = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<LogRecord>> logsByJob = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, List<AssetLogEntry>>> assetLogs = new ConcurrentHashMap<>();

    private final AtomicLong runIds = new AtomicLong();
    private final AtomicLong logIds = new AtomicLong();
    private final AtomicLong logCount = new AtomicLong();
    // runs by state and type: index state.ordinal() * types + type.ordinal()
    private static final int TYPES = JobType.values().length;
    private final AtomicLongArray runsByStateAndType = new AtomicLongArray(JobState.values().length * TYPES);
    private final ConcurrentMap<String, AtomicLong> assetNumbers = new ConcurrentHashMap<>();

    // ---------------------------------------------------------------- jobs

    @Override
    public JobRecord insertJob(JobRecord job) {
        requireVersion(job.version(), 1, job.handle().value());
        synchronized (stripe(job.handle().value())) {
            if (jobs.putIfAbsent(job.handle().value(), job) != null) {
                throw new NameTakenException("company " + job.companyHandle() + " already holds a job named " + job.name());
            }
            if (job.timing().isScheduled()) {
                scheduledByCompany.computeIfAbsent(job.companyHandle(), c -> new ConcurrentHashMap<>())
                        .put(job.handle().value(), job);
            }
        }
        return job;
    }

    @Override
    public Optional<JobRecord> job(String handle) {
        return handle == null ? Optional.empty() : Optional.ofNullable(jobs.get(handle));
    }

    @Override
    public JobRecord updateJob(JobRecord next) {
        synchronized (stripe(next.handle().value())) {
            JobRecord stored = jobs.get(next.handle().value());
            if (stored == null || stored.version() + 1 != next.version()) {
                throw new StaleRecordException("job " + next.handle() + " is at version "
                        + (stored == null ? "none" : stored.version()) + ", not " + (next.version() - 1));
            }
            jobs.put(next.handle().value(), next);
            unindexScheduled(stored);
            if (next.timing().isScheduled()) {
                scheduledByCompany.computeIfAbsent(next.companyHandle(), c -> new ConcurrentHashMap<>())
                        .put(next.handle().value(), next);
            }
        }
        return next;
    }

    @Override
    public boolean deleteJob(JobHandle handle) {
        synchronized (stripe(handle.value())) {
            JobRecord removed = jobs.remove(handle.value());
            if (removed == null) {
                return false;
            }
            unindexScheduled(removed);
            return true;
        }
    }

    private void unindexScheduled(JobRecord job) {
        Map<String, JobRecord> scheduled = scheduledByCompany.get(job.companyHandle());
        if (scheduled != null) {
            scheduled.remove(job.handle().value());
        }
    }

    @Override
    public List<JobRecord> scheduledJobs(String companyHandle) {
        Map<String, JobRecord> scheduled = scheduledByCompany.get(companyHandle);
        return scheduled == null ? List.of() : List.copyOf(scheduled.values());
    }

    /** Reads every job: the admin API's view, not a request path, so no index is kept for it. */
    @Override
    public List<JobRecord> jobsOf(String companyHandle) {
        return jobs.values().stream().filter(j -> j.companyHandle().equals(companyHandle)).toList();
    }

    // ---------------------------------------------------------------- runs

    @Override
    public long nextRunId() {
        return runIds.incrementAndGet();
    }

    @Override
    public RunRecord insertRun(RunRecord run) {
        requireVersion(run.version(), 1, run.handle().value());
        synchronized (stripe(run.handle().job().value())) {
            if (runs.putIfAbsent(run.handle().value(), run) != null) {
                throw new StaleRecordException("run " + run.handle() + " is stored already");
            }
            tally(run, 1);
            index(run, true);
        }
        return run;
    }

    @Override
    public Optional<RunRecord> run(String handle) {
        return handle == null ? Optional.empty() : Optional.ofNullable(runs.get(handle));
    }

    @Override
    public RunRecord updateRun(RunRecord next) {
        synchronized (stripe(next.handle().job().value())) {
            RunRecord stored = runs.get(next.handle().value());
            if (stored == null || stored.version() + 1 != next.version()) {
                throw new StaleRecordException("run " + next.handle() + " is at version "
                        + (stored == null ? "none" : stored.version()) + ", not " + (next.version() - 1));
            }
            runs.put(next.handle().value(), next);
            if (stored.state() != next.state()) {
                tally(stored, -1);
                tally(next, 1);
            }
            unindexDone(stored);
            index(next, false);
        }
        return next;
    }

    @Override
    public boolean deleteRun(RunHandle handle, long version) {
        synchronized (stripe(handle.job().value())) {
            RunRecord stored = runs.get(handle.value());
            if (stored == null || stored.version() != version) {
                return false;
            }
            runs.remove(handle.value());
            tally(stored, -1);
            Map<String, RunRecord> ofCompany = runsByCompany.get(stored.companyHandle());
            if (ofCompany != null) {
                ofCompany.remove(handle.value());
            }
            runsByJob.computeIfPresent(handle.job().value(), (job, handles) -> without(handles, handle.value()));
            unindexDone(stored);
            return true;
        }
    }

    private void tally(RunRecord run, int delta) {
        runsByStateAndType.addAndGet(run.state().ordinal() * TYPES + run.job().type().ordinal(), delta);
    }

    @Override
    public long runCount(JobState state, JobType type) {
        return runsByStateAndType.get(state.ordinal() * TYPES + type.ordinal());
    }

    /** Indexes a run; a new one also joins its job's runs (an update only replaces the record). */
    private void index(RunRecord run, boolean isNew) {
        String handle = run.handle().value();
        runsByCompany.computeIfAbsent(run.companyHandle(), c -> new ConcurrentHashMap<>()).put(handle, run);
        if (isNew) {
            runsByJob.merge(run.handle().job().value(), handle, InMemoryJobStore::with);
        }
        if (run.doneAt() != null) {
            done.put(new DoneKey(run.doneAt(), run.handle().runId()), run);
        }
    }

    private void unindexDone(RunRecord run) {
        if (run.doneAt() != null) {
            done.remove(new DoneKey(run.doneAt(), run.handle().runId()));
        }
    }

    @Override
    public List<RunRecord> runsOf(String jobHandle) {
        Object handles = jobHandle == null ? null : runsByJob.get(jobHandle);
        if (handles == null) {
            return List.of();
        }
        if (handles instanceof String one) {
            RunRecord run = runs.get(one);
            return run == null ? List.of() : List.of(run);
        }
        List<RunRecord> out = new ArrayList<>();
        for (String h : (String[]) handles) {
            RunRecord run = runs.get(h);
            if (run != null) {
                out.add(run);
            }
        }
        return out;
    }

    /** The job's run handles with one more, oldest first. */
    private static Object with(Object handles, Object added) {
        String[] before = handles instanceof String one ? new String[] {one} : (String[]) handles;
        String[] after = java.util.Arrays.copyOf(before, before.length + 1);
        after[before.length] = (String) added;
        return after;
    }

    /** The job's run handles without one; null (the entry goes) when none is left. */
    private static Object without(Object handles, String removed) {
        if (handles instanceof String one) {
            return one.equals(removed) ? null : one;
        }
        String[] left = java.util.Arrays.stream((String[]) handles).filter(h -> !h.equals(removed))
                .toArray(String[]::new);
        return left.length == 0 ? null : left.length == 1 ? left[0] : left;
    }

    @Override
    public List<RunRecord> runsOfCompany(String companyHandle) {
        Map<String, RunRecord> ofCompany = runsByCompany.get(companyHandle);
        return ofCompany == null ? List.of() : List.copyOf(ofCompany.values());
    }

    @Override
    public List<RunRecord> activeRuns() {
        return runs.values().stream().filter(RunRecord::isActive).toList();
    }

    @Override
    public List<RunRecord> runsDoneBy(Instant instant) {
        return List.copyOf(done.headMap(new DoneKey(instant, Long.MAX_VALUE), true).values());
    }

    @Override
    public Optional<Instant> earliestDone() {
        Map.Entry<DoneKey, RunRecord> first = done.firstEntry();
        return first == null ? Optional.empty() : Optional.of(first.getKey().doneAt());
    }

    // ---------------------------------------------------------------- logs

    @Override
    public long nextLogId() {
        return logIds.incrementAndGet();
    }

    @Override
    public void appendLog(LogRecord log) {
        synchronized (stripe(log.run().job().value())) {
            logsByCompany.computeIfAbsent(log.companyHandle(), c -> new ConcurrentSkipListMap<>())
                    .put(new LogOrder(log.startDate(), log.id()), log);
            // an immutable list replaced on each write: most jobs have one log, and a list of one costs far
            // less than a copy-on-write list
            logsByJob.merge(log.run().job().value(), List.of(log), InMemoryJobStore::appended);
            for (LogDetail detail : log.details()) {
                if (detail.assetHandle() != null) {
                    assetLogs.computeIfAbsent(log.companyHandle(), c -> new ConcurrentHashMap<>())
                            .computeIfAbsent(detail.assetHandle(), a -> new CopyOnWriteArrayList<>())
                            .add(new AssetLogEntry(log, detail));
                }
            }
            logCount.incrementAndGet();
        }
    }

    private static List<LogRecord> appended(List<LogRecord> logs, List<LogRecord> more) {
        List<LogRecord> all = new ArrayList<>(logs.size() + more.size());
        all.addAll(logs);
        all.addAll(more);
        return List.copyOf(all);
    }

    @Override
    public List<LogRecord> searchLogs(LogSearch search) {
        Comparator<LogRecord> order = order(search.sortBy(), search.direction());
        // the store keeps each company's logs in getJobLogs' default order (StartDate, Descending): in that
        // order each company's first matches are its best, and the scan stops there instead of reading
        // the whole history
        boolean storeOrder = search.handle() == null && search.sortBy() == JobLogSortField.START_DATE
                && search.direction() == SortDirection.DESCENDING;
        PriorityQueue<LogRecord> best = new PriorityQueue<>(order.reversed());
        for (String company : search.companies()) {
            Stream<LogRecord> logs = candidates(company, search);
            if (storeOrder && search.startedFrom() != null) {
                logs = logs.takeWhile(log -> !log.startDate().isBefore(search.startedFrom()));
            }
            logs = logs.filter(log -> matches(log, company, search));
            if (storeOrder) {
                logs = logs.limit(search.limit());
            }
            logs.forEach(log -> {
                best.add(log);
                if (best.size() > search.limit()) {
                    best.poll();
                }
            });
        }
        List<LogRecord> result = new ArrayList<>(best);
        result.sort(order);
        return result;
    }

    private Stream<LogRecord> candidates(String company, LogSearch search) {
        if (search.handle() != null) {
            List<LogRecord> ofJob = logsByJob.get(search.handle());
            if (ofJob != null) {
                return ofJob.stream();
            }
            // a run's handle: its logs are among its job's
            List<LogRecord> ofRunsJob = RunHandle.jobHandleOf(search.handle()).map(logsByJob::get).orElse(null);
            return ofRunsJob == null ? Stream.empty()
                    : ofRunsJob.stream().filter(log -> log.jobHandle().equals(search.handle()));
        }
        NavigableMap<LogOrder, LogRecord> ofCompany = logsByCompany.get(company);
        return ofCompany == null ? Stream.empty() : ofCompany.values().stream();
    }

    private static boolean matches(LogRecord log, String company, LogSearch search) {
        return log.companyHandle().equals(company)
                && (search.originalName() == null || search.originalName().equals(log.originalName()))
                && (search.submitUserEmail() == null || search.submitUserEmail().equalsIgnoreCase(log.submitUserEmail()))
                && (search.startedFrom() == null || !log.startDate().isBefore(search.startedFrom()))
                && (search.endedBy() == null || !log.endDate().isAfter(search.endedBy()));
    }

    private static Comparator<LogRecord> order(JobLogSortField field, SortDirection direction) {
        Comparator<LogRecord> by = switch (field) {
            case JOB_NAME -> Comparator.comparing(LogRecord::jobName, String.CASE_INSENSITIVE_ORDER);
            case LOG_TYPE -> Comparator.comparing(LogRecord::logType);
            case START_DATE -> Comparator.comparing(LogRecord::startDate);
            // a store does not know company names: the service orders companies itself and asks per company
            case COMPANY_NAME -> (a, b) -> 0;
            case USER_ID, EMAIL -> Comparator.comparing(LogRecord::submitUserEmail, String.CASE_INSENSITIVE_ORDER);
            case FILE_ERROR_COUNT -> Comparator.comparingInt(LogRecord::errorCount);
            case FILE_WARNING_COUNT -> Comparator.comparingInt(LogRecord::warningCount);
            case FILE_SUCCESS_COUNT -> Comparator.comparingInt(LogRecord::successCount);
        };
        // the log id breaks ties, so equal keys come out in a stable, writing order
        by = by.thenComparingLong(LogRecord::id);
        return direction == SortDirection.DESCENDING ? by.reversed() : by;
    }

    @Override
    public List<AssetLogEntry> assetLogs(String companyHandle, String assetHandle) {
        Map<String, List<AssetLogEntry>> ofCompany = assetLogs.get(companyHandle);
        List<AssetLogEntry> entries = ofCompany == null || assetHandle == null ? null : ofCompany.get(assetHandle);
        return entries == null ? List.of() : List.copyOf(entries);
    }

    @Override
    public long nextAssetNumber(String companyHandle) {
        return assetNumbers.computeIfAbsent(companyHandle, c -> new AtomicLong()).incrementAndGet();
    }

    // ---------------------------------------------------------------- housekeeping

    @Override
    public Counts counts() {
        return new Counts(jobs.size(), runs.size(), logCount.get());
    }

    @Override
    public void clear() {
        clearHolding(0);
    }

    /** Takes every stripe, in order, so no write is half done while everything is forgotten. */
    private void clearHolding(int stripe) {
        if (stripe < STRIPES) {
            synchronized (stripes[stripe]) {
                clearHolding(stripe + 1);
            }
            return;
        }
        jobs.clear();
        scheduledByCompany.clear();
        runs.clear();
        runsByCompany.clear();
        runsByJob.clear();
        done.clear();
        logsByCompany.clear();
        logsByJob.clear();
        assetLogs.clear();
        logCount.set(0);
        for (int i = 0; i < runsByStateAndType.length(); i++) {
            runsByStateAndType.set(i, 0);
        }
        assetNumbers.clear();
    }

    private static void requireVersion(long version, long expected, String what) {
        if (version != expected) {
            throw new StaleRecordException(what + " must be inserted at version " + expected + ", not " + version);
        }
    }

    /** Orders a company's logs as getJobLogs lists them by default: latest start first, then latest written. */
    private record LogOrder(Instant startDate, long id) implements Comparable<LogOrder> {
        @Override
        public int compareTo(LogOrder other) {
            int byStart = other.startDate.compareTo(startDate);
            return byStart != 0 ? byStart : Long.compare(other.id, id);
        }
    }

    /** Orders Done runs by when they finished. */
    private record DoneKey(Instant doneAt, long runId) implements Comparable<DoneKey> {
        @Override
        public int compareTo(DoneKey other) {
            int byTime = doneAt.compareTo(other.doneAt);
            return byTime != 0 ? byTime : Long.compare(runId, other.runId);
        }
    }
}
