package org.ipsjobs.jobs.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
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
 * <p>Concurrency: reads never lock. Writes that touch one job's records hold that job's stripe, so the
 * version check of an update and the change of every index it touches happen together; a reader may
 * briefly see one index changed before another, which no operation depends on. Records are immutable,
 * so nothing is copied in or out.
 *
 * <p>Layout: everything stored under one job handle (the job, its runs, their logs) sits in one {@link
 * JobSlot}, found by the job handle; a run is found through its job, whose handle its own handle
 * names. Each company has a {@link Shelf}: its slots (for listing its runs), its scheduled jobs, its
 * logs in getJobLogs' default order (latest start first) and its log lines by asset. Done runs are
 * also kept in the order they finished, for the sweeper. A service may hold a million finished jobs,
 * so a finished job costs two map entries, one skip-list entry in each ordered index, and its slot.
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

    /**
     * What is stored under one job handle. Its fields change only under the job's stripe and are
     * volatile, so readers take them without a lock. Several runs or logs are held as arrays replaced on
     * each change; the usual single one is held alone, which costs no array.
     */
    private static final class JobSlot {
        volatile JobRecord job; // null once the job is deleted (its runs and logs may stay)
        volatile Object runs; // null, a RunRecord, or a RunRecord[] oldest first
        volatile Object logs; // null, a LogRecord, or a LogRecord[] in the order written

        boolean isEmpty() {
            return job == null && runs == null && logs == null;
        }
    }

    /** One company's part of the store. */
    private static final class Shelf {
        final ConcurrentMap<String, JobSlot> slots = new ConcurrentHashMap<>();
        final ConcurrentMap<String, JobRecord> scheduled = new ConcurrentHashMap<>();
        final ConcurrentSkipListSet<LogRecord> logs = new ConcurrentSkipListSet<>(LOG_ORDER);
        final ConcurrentMap<String, List<AssetLogEntry>> assetLogs = new ConcurrentHashMap<>();
        final AtomicLong assetNumbers = new AtomicLong();
    }

    /** getJobLogs' default order: latest start first, then latest written. */
    private static final Comparator<LogRecord> LOG_ORDER = Comparator.comparing(LogRecord::startDate)
            .thenComparingLong(LogRecord::id).reversed();

    /** Done runs by when they finished, then by run id. A {@link DoneBound} marks an instant when searching. */
    private static final Comparator<Object> DONE_ORDER = (a, b) -> {
        int byTime = doneAt(a).compareTo(doneAt(b));
        return byTime != 0 ? byTime : Long.compare(doneRunId(a), doneRunId(b));
    };

    /** The latest position at an instant in the done index: after every run that finished then. */
    private record DoneBound(Instant at) {
    }

    private static Instant doneAt(Object entry) {
        return entry instanceof RunRecord run ? run.doneAt() : ((DoneBound) entry).at();
    }

    private static long doneRunId(Object entry) {
        return entry instanceof RunRecord run ? run.handle().runId() : Long.MAX_VALUE;
    }

    private final ConcurrentMap<String, JobSlot> slots = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Shelf> shelves = new ConcurrentHashMap<>();
    // RunRecords only; typed Object so that a DoneBound can be compared with them
    private final ConcurrentSkipListSet<Object> done = new ConcurrentSkipListSet<>(DONE_ORDER);

    private final AtomicLong runIds = new AtomicLong();
    private final AtomicLong logIds = new AtomicLong();
    private final AtomicLong jobCount = new AtomicLong();
    private final AtomicLong runCount = new AtomicLong();
    private final AtomicLong logCount = new AtomicLong();
    // runs by state and type: index state.ordinal() * types + type.ordinal()
    private static final int TYPES = JobType.values().length;
    private final AtomicLongArray runsByStateAndType = new AtomicLongArray(JobState.values().length * TYPES);

    private Shelf shelf(String companyHandle) {
        return shelves.computeIfAbsent(companyHandle, c -> new Shelf());
    }

    /** The slot for the job handle, made when missing; call holding the job's stripe. */
    private JobSlot slotFor(String jobHandle, String companyHandle) {
        JobSlot slot = slots.get(jobHandle);
        if (slot == null) {
            slot = new JobSlot();
            slots.put(jobHandle, slot);
            shelf(companyHandle).slots.put(jobHandle, slot);
        }
        return slot;
    }

    /** Forgets the slot once nothing is left in it; call holding the job's stripe. */
    private void dropIfEmpty(String jobHandle, String companyHandle, JobSlot slot) {
        if (slot.isEmpty()) {
            slots.remove(jobHandle, slot);
            Shelf shelf = shelves.get(companyHandle);
            if (shelf != null) {
                shelf.slots.remove(jobHandle, slot);
            }
        }
    }

    // ---------------------------------------------------------------- jobs

    @Override
    public JobRecord insertJob(JobRecord job) {
        requireVersion(job.version(), 1, job.handle().value());
        String key = job.handle().value();
        synchronized (stripe(key)) {
            JobSlot slot = slots.get(key);
            if (slot != null && slot.job != null) {
                throw new NameTakenException("company " + job.companyHandle() + " already holds a job named " + job.name());
            }
            slotFor(key, job.companyHandle()).job = job;
            jobCount.incrementAndGet();
            if (job.timing().isScheduled()) {
                shelf(job.companyHandle()).scheduled.put(key, job);
            }
        }
        return job;
    }

    @Override
    public Optional<JobRecord> job(String handle) {
        JobSlot slot = handle == null ? null : slots.get(handle);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.job);
    }

    @Override
    public JobRecord updateJob(JobRecord next) {
        String key = next.handle().value();
        synchronized (stripe(key)) {
            JobSlot slot = slots.get(key);
            JobRecord stored = slot == null ? null : slot.job;
            if (stored == null || stored.version() + 1 != next.version()) {
                throw new StaleRecordException("job " + next.handle() + " is at version "
                        + (stored == null ? "none" : stored.version()) + ", not " + (next.version() - 1));
            }
            slot.job = next;
            Shelf shelf = shelf(next.companyHandle());
            shelf.scheduled.remove(key);
            if (next.timing().isScheduled()) {
                shelf.scheduled.put(key, next);
            }
        }
        return next;
    }

    @Override
    public boolean deleteJob(JobHandle handle) {
        String key = handle.value();
        synchronized (stripe(key)) {
            JobSlot slot = slots.get(key);
            if (slot == null || slot.job == null) {
                return false;
            }
            slot.job = null;
            jobCount.decrementAndGet();
            Shelf shelf = shelves.get(handle.companyHandle());
            if (shelf != null) {
                shelf.scheduled.remove(key);
            }
            dropIfEmpty(key, handle.companyHandle(), slot);
            return true;
        }
    }

    @Override
    public List<JobRecord> scheduledJobs(String companyHandle) {
        Shelf shelf = shelves.get(companyHandle);
        return shelf == null ? List.of() : List.copyOf(shelf.scheduled.values());
    }

    @Override
    public List<JobRecord> jobsOf(String companyHandle) {
        Shelf shelf = shelves.get(companyHandle);
        if (shelf == null) {
            return List.of();
        }
        List<JobRecord> out = new ArrayList<>();
        for (JobSlot slot : shelf.slots.values()) {
            JobRecord job = slot.job;
            if (job != null) {
                out.add(job);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- runs

    @Override
    public long nextRunId() {
        return runIds.incrementAndGet();
    }

    @Override
    public RunRecord insertRun(RunRecord run) {
        requireVersion(run.version(), 1, run.handle().value());
        String key = run.handle().job().value();
        synchronized (stripe(key)) {
            JobSlot slot = slotFor(key, run.companyHandle());
            if (indexOf(slot.runs, run.handle().runId()) >= 0) {
                throw new StaleRecordException("run " + run.handle() + " is stored already");
            }
            slot.runs = with(slot.runs, run, RunRecord[]::new);
            runCount.incrementAndGet();
            tally(run, 1);
            if (run.doneAt() != null) {
                done.add(run);
            }
        }
        return run;
    }

    @Override
    public Optional<RunRecord> run(String handle) {
        JobSlot slot = slotOfRun(handle);
        if (slot == null) {
            return Optional.empty();
        }
        Object runs = slot.runs;
        int at = indexOf(runs, RunHandle.runIdOf(handle));
        RunRecord run = at < 0 ? null : runAt(runs, at);
        // the id matched; the whole text must too (a handle naming another job's run id finds nothing)
        return run != null && run.handle().value().equals(handle) ? Optional.of(run) : Optional.empty();
    }

    private JobSlot slotOfRun(String runHandle) {
        return RunHandle.jobHandleOf(runHandle).map(slots::get).orElse(null);
    }

    @Override
    public RunRecord updateRun(RunRecord next) {
        String key = next.handle().job().value();
        synchronized (stripe(key)) {
            JobSlot slot = slots.get(key);
            Object runs = slot == null ? null : slot.runs;
            int at = indexOf(runs, next.handle().runId());
            RunRecord stored = at < 0 ? null : runAt(runs, at);
            if (stored == null || stored.version() + 1 != next.version()) {
                throw new StaleRecordException("run " + next.handle() + " is at version "
                        + (stored == null ? "none" : stored.version()) + ", not " + (next.version() - 1));
            }
            slot.runs = replaced(runs, at, next);
            if (stored.state() != next.state()) {
                tally(stored, -1);
                tally(next, 1);
            }
            if (stored.doneAt() != null) {
                done.remove(stored);
            }
            if (next.doneAt() != null) {
                done.add(next);
            }
        }
        return next;
    }

    @Override
    public boolean deleteRun(RunHandle handle, long version) {
        String key = handle.job().value();
        synchronized (stripe(key)) {
            JobSlot slot = slots.get(key);
            Object runs = slot == null ? null : slot.runs;
            int at = indexOf(runs, handle.runId());
            RunRecord stored = at < 0 ? null : runAt(runs, at);
            if (stored == null || stored.version() != version) {
                return false;
            }
            slot.runs = without(runs, at);
            runCount.decrementAndGet();
            tally(stored, -1);
            if (stored.doneAt() != null) {
                done.remove(stored);
            }
            dropIfEmpty(key, stored.companyHandle(), slot);
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

    /** Where the run is among a slot's runs, or -1. Run ids are unique, so the id tells runs apart. */
    private static int indexOf(Object runs, long runId) {
        if (runs instanceof RunRecord one) {
            return one.handle().runId() == runId ? 0 : -1;
        }
        if (runs instanceof RunRecord[] many) {
            for (int i = 0; i < many.length; i++) {
                if (many[i].handle().runId() == runId) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static RunRecord runAt(Object runs, int at) {
        return runs instanceof RunRecord one ? one : ((RunRecord[]) runs)[at];
    }

    private static Object replaced(Object runs, int at, RunRecord run) {
        if (runs instanceof RunRecord) {
            return run;
        }
        RunRecord[] copy = ((RunRecord[]) runs).clone();
        copy[at] = run;
        return copy;
    }

    /** The runs without the one at the index: null when none is left, the record alone when one is. */
    private static Object without(Object runs, int at) {
        if (runs instanceof RunRecord) {
            return null;
        }
        RunRecord[] many = (RunRecord[]) runs;
        if (many.length == 2) {
            return many[1 - at];
        }
        RunRecord[] left = new RunRecord[many.length - 1];
        System.arraycopy(many, 0, left, 0, at);
        System.arraycopy(many, at + 1, left, at, many.length - at - 1);
        return left;
    }

    /** The records with one more at the end: the record alone when it is the first. */
    private static <T> Object with(Object held, T added, IntFunction<T[]> newArray) {
        if (held == null) {
            return added;
        }
        @SuppressWarnings("unchecked")
        T[] before = held.getClass().isArray() ? (T[]) held : null;
        int size = before == null ? 1 : before.length;
        T[] after = newArray.apply(size + 1);
        if (before == null) {
            @SuppressWarnings("unchecked")
            T one = (T) held;
            after[0] = one;
        } else {
            System.arraycopy(before, 0, after, 0, size);
        }
        after[size] = added;
        return after;
    }

    /** The records held as one or an array, as a list in their order. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> listOf(Object held) {
        if (held == null) {
            return List.of();
        }
        return held.getClass().isArray() ? List.of((T[]) held) : List.of((T) held);
    }

    @Override
    public List<RunRecord> runsOf(String jobHandle) {
        JobSlot slot = jobHandle == null ? null : slots.get(jobHandle);
        return slot == null ? List.of() : listOf(slot.runs);
    }

    @Override
    public List<RunRecord> runsOfCompany(String companyHandle) {
        Shelf shelf = shelves.get(companyHandle);
        if (shelf == null) {
            return List.of();
        }
        List<RunRecord> out = new ArrayList<>();
        for (JobSlot slot : shelf.slots.values()) {
            Object runs = slot.runs;
            if (runs instanceof RunRecord one) {
                out.add(one);
            } else if (runs != null) {
                out.addAll(List.of((RunRecord[]) runs));
            }
        }
        return out;
    }

    @Override
    public List<RunRecord> activeRuns() {
        List<RunRecord> out = new ArrayList<>();
        for (JobSlot slot : slots.values()) {
            for (RunRecord run : InMemoryJobStore.<RunRecord>listOf(slot.runs)) {
                if (run.isActive()) {
                    out.add(run);
                }
            }
        }
        return out;
    }

    @Override
    public List<RunRecord> runsDoneBy(Instant instant) {
        List<RunRecord> out = new ArrayList<>();
        for (Object run : done.headSet(new DoneBound(instant), true)) {
            out.add((RunRecord) run);
        }
        return out;
    }

    @Override
    public Optional<Instant> earliestDone() {
        // the least entry after the earliest possible bound: the first run done, or null when there is none
        Object first = done.ceiling(new DoneBound(Instant.MIN));
        return first == null ? Optional.empty() : Optional.of(((RunRecord) first).doneAt());
    }

    // ---------------------------------------------------------------- logs

    @Override
    public long nextLogId() {
        return logIds.incrementAndGet();
    }

    @Override
    public void appendLog(LogRecord log) {
        String key = log.run().job().value();
        synchronized (stripe(key)) {
            JobSlot slot = slotFor(key, log.companyHandle());
            slot.logs = with(slot.logs, log, LogRecord[]::new);
            Shelf shelf = shelf(log.companyHandle());
            shelf.logs.add(log);
            List<LogDetail> details = log.details();
            for (int line = 0; line < details.size(); line++) {
                String asset = details.get(line).assetHandle();
                if (asset != null) {
                    shelf.assetLogs.computeIfAbsent(asset, a -> new CopyOnWriteArrayList<>())
                            .add(new AssetLogEntry(log, line));
                }
            }
            logCount.incrementAndGet();
        }
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
            JobSlot ofJob = slots.get(search.handle());
            if (ofJob != null) {
                return InMemoryJobStore.<LogRecord>listOf(ofJob.logs).stream();
            }
            // a run's handle: its logs are among its job's
            JobSlot ofRunsJob = slotOfRun(search.handle());
            return ofRunsJob == null ? Stream.empty()
                    : InMemoryJobStore.<LogRecord>listOf(ofRunsJob.logs).stream()
                            .filter(log -> log.jobHandle().equals(search.handle()));
        }
        Shelf shelf = shelves.get(company);
        return shelf == null ? Stream.empty() : shelf.logs.stream();
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
        Shelf shelf = shelves.get(companyHandle);
        List<AssetLogEntry> entries = shelf == null || assetHandle == null ? null : shelf.assetLogs.get(assetHandle);
        return entries == null ? List.of() : List.copyOf(entries);
    }

    @Override
    public long nextAssetNumber(String companyHandle) {
        return shelf(companyHandle).assetNumbers.incrementAndGet();
    }

    // ---------------------------------------------------------------- housekeeping

    @Override
    public Counts counts() {
        return new Counts(jobCount.get(), runCount.get(), logCount.get());
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
        slots.clear();
        shelves.clear();
        done.clear();
        jobCount.set(0);
        runCount.set(0);
        logCount.set(0);
        for (int i = 0; i < runsByStateAndType.length(); i++) {
            runsByStateAndType.set(i, 0);
        }
    }

    private static void requireVersion(long version, long expected, String what) {
        if (version != expected) {
            throw new StaleRecordException(what + " must be inserted at version " + expected + ", not " + version);
        }
    }

}
