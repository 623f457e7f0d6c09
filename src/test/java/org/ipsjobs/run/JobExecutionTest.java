package org.ipsjobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RunEvents;
import org.ipsjobs.jobs.api.JobLogSortField;
import org.ipsjobs.jobs.api.SortDirection;
import org.ipsjobs.jobs.model.ExecTiming;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.jobs.model.RunHandle;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.model.TaskStatus;
import org.ipsjobs.jobs.model.WorkItem;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.jobs.store.LogSearch;
import org.ipsjobs.jobs.store.memory.InMemoryJobStore;
import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.Test;

/**
 * A run carried through its runner: what the stored run record says at each step, that a change
 * another writer stores meanwhile (a stop, a hold) is never lost, and the log every ending leaves.
 */
class JobExecutionTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    private final JobStore store = new InMemoryJobStore();
    private final ServiceClock clock = ServiceClock.frozen(T0, ZoneOffset.UTC);
    private final RunControls controls = new RunControls();
    private final AtomicInteger finished = new AtomicInteger();
    private final JobExecution.Setting setting = new JobExecution.Setting(store, controls, clock, () -> Duration.ZERO,
            finished::incrementAndGet, new RunEvents(), new FaultRules());
    private final List<WorkItem> urls = List.of(new WorkItem("http://images.example.com/a.jpg", null),
            new WorkItem("http://images.example.com/shots/b.png?v=2", null));

    @Test
    void aRunGoesFromQueuedToDoneAndReportsEveryStepInTheStore() {
        RunRecord queued = queue("c|110", "Upload two");
        List<RunRecord> seen = new ArrayList<>();
        JobExecution execution = new JobExecution(queued.handle(), urls, context -> {
            seen.add(stored(queued));
            for (int i = 0; i < context.items().size(); i++) {
                context.itemStarted(i);
                seen.add(stored(queued));
                context.itemSucceeded(i);
                seen.add(stored(queued));
            }
        }, setting);

        execution.run();

        assertThat(seen).extracting(RunRecord::state).containsOnly(JobState.RUNNING);
        assertThat(seen).extracting(RunRecord::progress).containsExactly(0, 0, 50, 50, 100);
        assertThat(seen).extracting(RunRecord::version).isSorted().doesNotHaveDuplicates();
        RunRecord done = stored(queued);
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.doneAt()).isEqualTo(T0);
        TaskStatus task = done.tasks().get(0);
        assertThat(task.taskType()).isEqualTo("com.scene7.upload.UploadAsyncTaskMonitor");
        assertThat(task.progress()).isEqualTo(1.0);
        assertThat(task.items()).extracting(i -> i.progress()).containsExactly(1.0, 1.0);
        LogRecord log = onlyLog();
        assertThat(log.successCount()).isEqualTo(2);
        assertThat(log.details()).extracting(LogDetail::logType)
                .containsExactly("BeginUpload", "UploadSuccess", "UploadSuccess", "EndUpload");
        assertThat(log.details()).extracting(LogDetail::assetHandle).containsExactly(null, "a|110|1", "a|110|2", null);
        assertThat(log.details()).extracting(LogDetail::assetName).containsExactly(null, "a.jpg", "b.png", null);
        assertThat(finished).hasValue(1);
    }

    @Test
    void aStopStoredWhileTheRunnerWorksIsKeptAndEndsTheRun() {
        RunRecord queued = queue("47", "Stopped midway");
        JobExecution execution = new JobExecution(queued.handle(), urls, context -> {
            context.itemStarted(0);
            // another writer (stopJob) changes the record between two of the runner's updates
            RunRecord current = stored(queued);
            store.updateRun(current.next(JobState.STOPPING, false, new RunRecord.Stop("ann@example.com"),
                    "Stopping at the request of ann@example.com", T0, null));
            context.itemSucceeded(0); // must not overwrite the stop with a stale copy
            assertThat(context.stopRequested()).isTrue();
        }, setting);

        execution.run();

        RunRecord done = stored(queued);
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.stop()).isEqualTo(new RunRecord.Stop("ann@example.com"));
        assertThat(done.progressMessage()).isEqualTo("Stopped after 1 of 2 items");
        assertThat(onlyLog().details()).extracting(LogDetail::logType)
                .containsExactly("BeginUpload", "UploadSuccess", "FileCancel", "EndUpload");
        assertThat(onlyLog().details().get(2).message().args()).containsExactly("Stopped midway", "ann@example.com",
                "1", "2");
    }

    @Test
    void aRunnerThatThrowsEndsTheRunWithAFatalErrorLog() {
        RunRecord queued = queue("47", "Broken runner");
        JobExecution execution = new JobExecution(queued.handle(), urls, context -> {
            context.itemStarted(0);
            throw new IllegalStateException("no disk");
        }, setting);

        execution.run();

        assertThat(stored(queued).state()).isEqualTo(JobState.DONE);
        assertThat(stored(queued).progressMessage()).isEqualTo("Failed after 0 of 2 items");
        LogRecord log = onlyLog();
        assertThat(log.fatalError()).isTrue();
        assertThat(log.details()).extracting(LogDetail::logType).contains("FatalError");
        assertThat(finished).hasValue(1);
    }

    @Test
    void aHeldRunIsSetAsideUntilReleasedAndAStoppedOneNeverRuns() {
        RunRecord queued = queue("47", "Held");
        store.updateRun(queued.next(JobState.WAITING_COORDINATOR, true, null, "held", T0, null));
        AtomicInteger runs = new AtomicInteger();
        JobExecution execution = new JobExecution(queued.handle(), urls, context -> runs.incrementAndGet(), setting);

        execution.run();
        assertThat(runs).hasValue(0);
        assertThat(stored(queued).state()).isEqualTo(JobState.WAITING_COORDINATOR);

        RunRecord held = stored(queued);
        store.updateRun(held.next(JobState.WAITING_COORDINATOR, false, null, "released", T0, null));
        controls.unpark(queued.handle().value()).orElseThrow().run();
        assertThat(runs).hasValue(1);
        assertThat(stored(queued).state()).isEqualTo(JobState.DONE);

        RunRecord other = queue("47", "Stopped while queued");
        store.updateRun(other.next(JobState.DONE, false, new RunRecord.Stop("ann@example.com"), "stopped", T0, T0));
        new JobExecution(other.handle(), urls, context -> runs.incrementAndGet(), setting).run();
        assertThat(runs).as("a stopped run is not started").hasValue(1);
    }

    private RunRecord queue(String company, String name) {
        JobRecord job = store.insertJob(new JobRecord(JobHandle.of(company, name), 1, "ann@example.com", null, null,
                null, new ExecTiming.Immediate(), new JobParameters.UploadUrls(List.of(), Options.NONE), T0));
        return store.insertRun(RunRecord.queued(RunHandle.of(job.handle(), store.nextRunId(), T0, ZoneOffset.UTC), job,
                urls.size(), "queued"));
    }

    private RunRecord stored(RunRecord run) {
        return store.run(run.handle().value()).orElseThrow();
    }

    private LogRecord onlyLog() {
        List<LogRecord> logs = store.searchLogs(new LogSearch(List.of("47", "c|110"), null, null, null, null, null,
                JobLogSortField.START_DATE, SortDirection.ASCENDING, 10));
        assertThat(logs).hasSize(1);
        return logs.get(0);
    }
}
