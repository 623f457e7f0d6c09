package org.ipsjobs.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.ipsjobs.jobs.api.AssetLogEntry;
import org.ipsjobs.jobs.api.JobLogSortField;
import org.ipsjobs.jobs.api.SortDirection;
import org.ipsjobs.jobs.model.ExecTiming;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.jobs.model.RunHandle;
import org.ipsjobs.jobs.model.RunRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do. Each implementation runs it through a small subclass, so a
 * JDBC store will be held to exactly what the in-memory one is.
 */
abstract class JobStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private JobStore store;

    protected abstract JobStore newStore();

    @BeforeEach
    void create() {
        store = newStore();
    }

    @Test
    void jobNamesAreUniqueWithinACompanyUntilTheJobIsDeleted() {
        JobRecord nightly = store.insertJob(job("47", "Nightly", new ExecTiming.At(T0)));
        assertThat(nightly.handle().value()).isEqualTo("j|47|Nightly||");
        assertThatThrownBy(() -> store.insertJob(job("47", "Nightly", new ExecTiming.Immediate())))
                .isInstanceOf(NameTakenException.class);
        assertThat(store.insertJob(job("48", "Nightly", new ExecTiming.Immediate())).handle().value())
                .isEqualTo("j|48|Nightly||");

        assertThat(store.deleteJob(nightly.handle())).isTrue();
        assertThat(store.deleteJob(nightly.handle())).isFalse();
        assertThat(store.insertJob(job("47", "Nightly", new ExecTiming.Immediate())).version()).isEqualTo(1);
    }

    @Test
    void jobsChangeOnlyFromTheVersionStored() {
        JobRecord v1 = store.insertJob(job("47", "A", new ExecTiming.At(T0)));
        JobRecord v2 = store.updateJob(withDescription(v1, "second"));
        assertThat(store.job("j|47|A||")).contains(v2);
        assertThatThrownBy(() -> store.updateJob(withDescription(v1, "from a stale copy")))
                .isInstanceOf(StaleRecordException.class);
        assertThat(store.job("j|47|A||").orElseThrow().description()).isEqualTo("second");
        assertThat(store.scheduledJobs("47")).containsExactly(v2);
        assertThat(store.scheduledJobs("99")).isEmpty();
        JobRecord now = store.insertJob(job("47", "B", new ExecTiming.Immediate()));
        assertThat(store.scheduledJobs("47")).containsExactly(v2);
        assertThat(store.jobsOf("47")).containsExactlyInAnyOrder(v2, now);
        assertThat(store.jobsOf("99")).isEmpty();
        assertThat(store.job(null)).isEmpty();
    }

    @Test
    void runsAreFoundByHandleJobAndCompanyAndChangeByVersion() {
        JobRecord job = store.insertJob(job("47", "Upload", new ExecTiming.Immediate()));
        long first = store.nextRunId();
        long second = store.nextRunId();
        assertThat(second).isGreaterThan(first);
        RunRecord run = store.insertRun(RunRecord.queued(RunHandle.of(job.handle(), first, T0, ZoneOffset.UTC), job,
                2, "queued"));
        assertThat(run.handle().value()).isEqualTo("j|47||Upload_2026-01-01-00:00:00.000|" + first);

        RunRecord started = store.updateRun(run.started(T0.plusSeconds(1)));
        assertThatThrownBy(() -> store.updateRun(run.started(T0))).isInstanceOf(StaleRecordException.class);
        assertThat(store.run(run.handle().value())).contains(started);
        // a handle is found only as a whole: the right run id under another name or trigger time is no run
        assertThat(store.run("j|47||Upload_2026-01-01-00:00:00.001|" + first)).isEmpty();
        assertThat(store.run("j|47||Other_2026-01-01-00:00:00.000|" + first)).isEmpty();
        assertThat(store.run("j|47||Upload_2026-01-01-00:00:00.000|" + second)).isEmpty();
        assertThat(store.run(job.handle().value())).as("the job's own handle").isEmpty();
        assertThat(store.run("j|47||Upload_2026-01-01-00:00:00.000|")).isEmpty();
        assertThat(store.run(null)).isEmpty();
        assertThat(store.runsOf(job.handle())).containsExactly(started);
        assertThat(store.runsOfCompany("47")).containsExactly(started);
        assertThat(store.activeRuns()).containsExactly(started);
        assertThat(store.earliestDone()).isEmpty();

        Instant doneAt = T0.plusSeconds(5);
        RunRecord done = store.updateRun(started.next(JobState.DONE, false, null, "done", doneAt, doneAt));
        assertThat(store.activeRuns()).isEmpty();
        assertThat(store.earliestDone()).contains(doneAt);
        assertThat(store.runsDoneBy(doneAt.minusMillis(1))).isEmpty();
        assertThat(store.runsDoneBy(doneAt)).containsExactly(done);

        assertThat(store.deleteRun(done.handle(), started.version())).as("a stale version").isFalse();
        assertThat(store.deleteRun(done.handle(), done.version())).isTrue();
        assertThat(store.runsOf(job.handle())).isEmpty();
        assertThat(store.runsOfCompany("47")).isEmpty();
        assertThat(store.earliestDone()).isEmpty();
    }

    @Test
    void concurrentWritersKeepEveryRecordAndIndexAndEachVersionHasOneWinner() throws Exception {
        int threads = 8;
        int jobsPerThread = 200;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < jobsPerThread; i++) {
                    JobRecord job = store.insertJob(job("47", "t" + thread + "-" + i, new ExecTiming.Immediate()));
                    RunRecord run = store.insertRun(RunRecord.queued(RunHandle.of(job.handle(), store.nextRunId(), T0,
                            ZoneOffset.UTC), job, 1, "queued"));
                    RunRecord started = store.updateRun(run.started(T0));
                    store.updateRun(started.next(JobState.DONE, false, null, "done", T0, T0));
                }
                return null;
            }));
        }
        // and every thread races to change one record: each version is won by exactly one writer
        JobRecord contested = store.insertJob(job("48", "Contested", new ExecTiming.At(T0)));
        java.util.concurrent.atomic.AtomicInteger wins = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2000; i++) {
                    JobRecord current = store.job(contested.handle().value()).orElseThrow();
                    try {
                        store.updateJob(withDescription(current, "writer " + thread + " " + i));
                        wins.incrementAndGet();
                    } catch (StaleRecordException expected) {
                        // another writer changed it first
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : work) {
            f.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(wins.get()).isPositive();
        assertThat(store.job("j|48|Contested||").orElseThrow().version()).isEqualTo(1L + wins.get());
        int all = threads * jobsPerThread;
        assertThat(store.jobsOf("47")).hasSize(all);
        assertThat(store.runsOfCompany("47")).hasSize(all).allMatch(r -> r.state() == JobState.DONE);
        assertThat(store.runsDoneBy(T0)).hasSize(all);
        assertThat(store.activeRuns()).isEmpty();
        assertThat(store.runsOf(org.ipsjobs.jobs.model.JobHandle.of("47", "t3-7"))).hasSize(1);
    }

    @Test
    void aJobsRunsStayInOrderAsRunsComeAndGo() {
        JobRecord job = store.insertJob(job("47", "Nightly", new ExecTiming.Immediate()));
        List<RunRecord> three = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(store.insertRun(RunRecord.queued(RunHandle.of(job.handle(), store.nextRunId(), T0.plusSeconds(i),
                    ZoneOffset.UTC), job, 1, "queued")));
        }
        assertThat(store.runsOf(job.handle())).containsExactlyElementsOf(three);
        RunRecord updated = store.updateRun(three.get(1).started(T0));
        assertThat(store.runsOf(job.handle())).containsExactly(three.get(0), updated, three.get(2));

        assertThat(store.deleteRun(updated.handle(), updated.version())).isTrue();
        assertThat(store.runsOf(job.handle())).containsExactly(three.get(0), three.get(2));
        assertThat(store.deleteRun(three.get(0).handle(), 1)).isTrue();
        assertThat(store.deleteRun(three.get(2).handle(), 1)).isTrue();
        assertThat(store.runsOf(job.handle())).isEmpty();
        assertThat(store.runsOf("j|47|nothing||")).isEmpty();
    }

    @Test
    void logSearchFiltersSortsAndLimits() {
        LogRecord a = log(1, "47", "Alpha", "ann@example.com", T0, 3);
        LogRecord b = log(2, "47", "beta", "bob@example.com", T0.plusSeconds(60), 1);
        LogRecord c = log(3, "47", "Alpha", "ann@example.com", T0.plusSeconds(60), 2);
        LogRecord other = log(4, "48", "Alpha", "ann@example.com", T0, 0);
        List.of(a, b, c, other).forEach(store::appendLog);

        assertThat(search(List.of("47"), null, JobLogSortField.START_DATE, SortDirection.DESCENDING, 10))
                .as("latest start first, ties latest written first").containsExactly(c, b, a);
        assertThat(search(List.of("47"), null, JobLogSortField.START_DATE, SortDirection.DESCENDING, 2))
                .containsExactly(c, b);
        assertThat(search(List.of("47"), null, JobLogSortField.FILE_SUCCESS_COUNT, SortDirection.ASCENDING, 10))
                .containsExactly(b, c, a);
        assertThat(search(List.of("47"), null, JobLogSortField.JOB_NAME, SortDirection.ASCENDING, 10))
                .as("case-insensitive, ties by id").containsExactly(a, c, b);
        assertThat(search(List.of("47", "48"), null, JobLogSortField.EMAIL, SortDirection.DESCENDING, 10))
                .containsExactly(b, other, c, a);
        assertThat(store.searchLogs(new LogSearch(List.of("47"), null, "Alpha", "ANN@example.com", T0.plusSeconds(1),
                null, JobLogSortField.START_DATE, SortDirection.ASCENDING, 10))).containsExactly(c);
        assertThat(store.searchLogs(new LogSearch(List.of("47"), null, null, null, null, T0.plusSeconds(30),
                JobLogSortField.START_DATE, SortDirection.ASCENDING, 10))).containsExactly(a);
        assertThat(search(List.of("47"), a.jobHandle(), JobLogSortField.START_DATE, SortDirection.ASCENDING, 10))
                .as("by the run's handle").containsExactly(a);
        assertThat(search(List.of("47"), a.run().job().value(), JobLogSortField.START_DATE, SortDirection.ASCENDING, 10))
                .as("by the job's handle: every run of it").containsExactly(a, c);
        assertThat(search(List.of("48"), a.run().job().value(), JobLogSortField.START_DATE, SortDirection.ASCENDING, 10))
                .as("never across companies").isEmpty();
    }

    @Test
    void assetsHaveLogLinesAndNumbersPerCompany() {
        LogRecord log = log(1, "47", "Upload", "ann@example.com", T0, 1);
        store.appendLog(log);
        assertThat(store.assetLogs("47", "a|47|1")).extracting(AssetLogEntry::log).containsExactly(log);
        assertThat(store.assetLogs("48", "a|47|1")).isEmpty();
        assertThat(store.nextAssetNumber("47")).isEqualTo(1);
        assertThat(store.nextAssetNumber("47")).isEqualTo(2);
        assertThat(store.nextAssetNumber("48")).isEqualTo(1);
    }

    @Test
    void runsAreCountedByStateAndTypeAsTheyChange() {
        JobRecord job = store.insertJob(job("47", "Counted", new ExecTiming.Immediate()));
        JobType type = job.type();
        RunRecord queued = store.insertRun(RunRecord.queued(RunHandle.of(job.handle(), store.nextRunId(), T0,
                ZoneOffset.UTC), job, 1, "q"));
        assertThat(store.runCount(queued.state(), type)).isEqualTo(1);

        RunRecord started = store.updateRun(queued.started(T0));
        RunRecord again = store.updateRun(started.next(started.state(), false, null, "half", T0, null));
        assertThat(store.runCount(queued.state(), type)).isZero();
        assertThat(store.runCount(JobState.RUNNING, type)).as("a change within a state counts once").isEqualTo(1);
        RunRecord done = store.updateRun(again.next(JobState.DONE, false, null, "done", T0, T0));
        assertThat(store.runCount(JobState.RUNNING, type)).isZero();
        assertThat(store.runCount(JobState.DONE, type)).isEqualTo(1);

        store.deleteRun(done.handle(), done.version());
        assertThat(store.runCount(JobState.DONE, type)).isZero();
        store.insertRun(RunRecord.queued(RunHandle.of(job.handle(), store.nextRunId(), T0, ZoneOffset.UTC), job, 1,
                "q"));
        store.clear();
        assertThat(store.runCount(queued.state(), type)).isZero();
    }

    @Test
    void countsAndClears() {
        JobRecord job = store.insertJob(job("47", "A", new ExecTiming.Immediate()));
        store.insertRun(RunRecord.queued(RunHandle.of(job.handle(), store.nextRunId(), T0, ZoneOffset.UTC), job, 1, "q"));
        store.appendLog(log(store.nextLogId(), "47", "A", "ann@example.com", T0, 1));
        assertThat(store.counts()).isEqualTo(new JobStore.Counts(1, 1, 1));

        store.clear();

        assertThat(store.counts()).isEqualTo(new JobStore.Counts(0, 0, 0));
        assertThat(store.job("j|47|A||")).isEmpty();
        assertThat(store.assetLogs("47", "a|47|1")).isEmpty();
    }

    private List<LogRecord> search(List<String> companies, String handle, JobLogSortField by, SortDirection direction,
            int limit) {
        return store.searchLogs(new LogSearch(companies, handle, null, null, null, null, by, direction, limit));
    }

    private static JobRecord job(String company, String name, ExecTiming timing) {
        return new JobRecord(JobHandle.of(company, name), 1, "u@example.com", null, null, null, timing,
                new JobParameters.OptimizeImages(Options.NONE), T0);
    }

    private static JobRecord withDescription(JobRecord j, String description) {
        return new JobRecord(j.handle(), j.version() + 1, j.submitUserEmail(), j.notifyUser(), j.locale(), description,
                j.timing(), j.parameters(), j.submittedAt());
    }

    private static LogRecord log(long id, String company, String name, String user, Instant start, int successes) {
        RunHandle run = RunHandle.of(JobHandle.of(company, name), id, start, ZoneOffset.UTC);
        LogDetail line = new LogDetail("UploadSuccess", LogMessage.of("item.success", "x"), start, "x.jpg", "NoType",
                "a|" + company + "|1");
        return new LogRecord(id, run, user, null, null, JobType.URL_UPLOAD, "", start, start.plus(Duration.ofSeconds(1)),
                successes, 0, 0, successes, false, List.of(line));
    }
}
