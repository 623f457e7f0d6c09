package org.ipsjobs.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@link JobStore} held in memory, lost when the server stops.
 *
 * <p>Concurrency: every index is a concurrent map, so reads never block and writers only contend
 * on the same key. Each index is updated on its own; a reader may briefly see a run in the by-handle
 * index before the by-company one, which no operation depends on. Indexes: jobs and runs by handle,
 * scheduled jobs and runs by company, logs by job and by company (latest start first), and log lines by asset.
 */
public final class InMemoryJobStore implements JobStore {

    private final ConcurrentMap<String, CompanyNames> names = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, JobDefinition> jobs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, JobDefinition>> scheduledByCompany = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, JobRun> runs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, JobRun>> runsByCompany = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<JobLogRecord>> logsByJob = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentSkipListMap<LogOrder, JobLogRecord>> logsByCompany =
            new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, List<AssetLogEntry>>> assetLogs = new ConcurrentHashMap<>();
    private final AtomicLong logCount = new AtomicLong();

    @Override
    public String reserveName(String companyHandle, String requestedName) {
        return names.computeIfAbsent(companyHandle, c -> new CompanyNames()).reserve(requestedName);
    }

    @Override
    public void storeJob(JobDefinition job) {
        String handle = job.handle().value();
        jobs.put(handle, job);
        if (job.timing().isScheduled()) {
            scheduledByCompany.computeIfAbsent(job.companyHandle(), c -> new ConcurrentHashMap<>()).put(handle, job);
        }
    }

    @Override
    public Optional<JobDefinition> retrieveJob(String jobHandle) {
        return jobHandle == null ? Optional.empty() : Optional.ofNullable(jobs.get(jobHandle));
    }

    @Override
    public void removeJob(String jobHandle) {
        JobDefinition removed = jobs.remove(jobHandle);
        if (removed != null) {
            Map<String, JobDefinition> ofCompany = scheduledByCompany.get(removed.companyHandle());
            if (ofCompany != null) {
                ofCompany.remove(jobHandle);
            }
        }
    }

    @Override
    public Collection<JobDefinition> scheduledJobsOfCompany(String companyHandle) {
        Map<String, JobDefinition> ofCompany = scheduledByCompany.get(companyHandle);
        return ofCompany == null ? List.of() : Collections.unmodifiableCollection(ofCompany.values());
    }

    @Override
    public void storeRun(JobRun run) {
        String handle = run.job().handle().value();
        runs.put(handle, run);
        runsByCompany.computeIfAbsent(run.job().companyHandle(), c -> new ConcurrentHashMap<>()).put(handle, run);
    }

    @Override
    public Optional<JobRun> retrieveRun(String jobHandle) {
        return jobHandle == null ? Optional.empty() : Optional.ofNullable(runs.get(jobHandle));
    }

    @Override
    public Collection<JobRun> runsOfCompany(String companyHandle) {
        Map<String, JobRun> ofCompany = runsByCompany.get(companyHandle);
        return ofCompany == null ? List.of() : Collections.unmodifiableCollection(ofCompany.values());
    }

    @Override
    public Collection<JobRun> allRuns() {
        return Collections.unmodifiableCollection(runs.values());
    }

    @Override
    public boolean removeRun(JobRun run) {
        String handle = run.job().handle().value();
        boolean removed = runs.remove(handle, run);
        Map<String, JobRun> ofCompany = runsByCompany.get(run.job().companyHandle());
        if (ofCompany != null) {
            ofCompany.remove(handle, run);
        }
        return removed;
    }

    @Override
    public void storeLog(JobLogRecord log) {
        // an immutable list replaced on each write: most jobs have one log, and a list of one costs far less
        // than a copy-on-write list
        logsByJob.merge(log.jobHandle(), List.of(log), InMemoryJobStore::appended);
        logsByCompany.computeIfAbsent(log.companyHandle(), c -> new ConcurrentSkipListMap<>())
                .put(new LogOrder(log.startDate(), log.id()), log);
        for (LogDetail detail : log.details()) {
            if (detail.assetHandle() != null) {
                assetLogs.computeIfAbsent(log.companyHandle(), c -> new ConcurrentHashMap<>())
                        .computeIfAbsent(detail.assetHandle(), a -> new CopyOnWriteArrayList<>())
                        .add(new AssetLogEntry(log, detail));
            }
        }
        logCount.incrementAndGet();
    }

    private static List<JobLogRecord> appended(List<JobLogRecord> logs, List<JobLogRecord> more) {
        List<JobLogRecord> all = new ArrayList<>(logs.size() + more.size());
        all.addAll(logs);
        all.addAll(more);
        return List.copyOf(all);
    }

    @Override
    public List<JobLogRecord> logsOfJob(String jobHandle) {
        List<JobLogRecord> logs = jobHandle == null ? null : logsByJob.get(jobHandle);
        return logs == null ? List.of() : logs;
    }

    @Override
    public Stream<JobLogRecord> logsOfCompany(String companyHandle) {
        Map<LogOrder, JobLogRecord> logs = logsByCompany.get(companyHandle);
        return logs == null ? Stream.empty() : logs.values().stream();
    }

    @Override
    public List<AssetLogEntry> assetLogs(String companyHandle, String assetHandle) {
        Map<String, List<AssetLogEntry>> ofCompany = assetLogs.get(companyHandle);
        List<AssetLogEntry> entries = ofCompany == null || assetHandle == null ? null : ofCompany.get(assetHandle);
        return entries == null ? List.of() : Collections.unmodifiableList(entries);
    }

    @Override
    public int runCount() {
        return runs.size();
    }

    @Override
    public long logCount() {
        return logCount.get();
    }

    /** Orders a company's logs as {@link JobStore#logsOfCompany} lists them: latest start first, then latest written. */
    private record LogOrder(java.time.Instant startDate, long id) implements Comparable<LogOrder> {
        @Override
        public int compareTo(LogOrder other) {
            int byStart = other.startDate.compareTo(startDate);
            return byStart != 0 ? byStart : Long.compare(other.id, id);
        }
    }

    /** The names ever used in one company, with the next suffix to try per base name. */
    private static final class CompanyNames {
        private final Set<String> used = ConcurrentHashMap.newKeySet();
        private final ConcurrentMap<String, AtomicInteger> nextSuffix = new ConcurrentHashMap<>();

        String reserve(String name) {
            if (used.add(name)) {
                return name;
            }
            AtomicInteger suffix = nextSuffix.computeIfAbsent(name, n -> new AtomicInteger(1));
            while (true) {
                String candidate = name + "_" + suffix.incrementAndGet();
                if (used.add(candidate)) {
                    return candidate;
                }
            }
        }
    }
}
