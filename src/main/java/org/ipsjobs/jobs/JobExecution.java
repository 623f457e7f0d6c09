package org.ipsjobs.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one {@link JobRun} through its runner on a worker thread: it is the runner's
 * {@link RunContext}, keeps the run's progress current, collects the log lines, and writes the job
 * log when the run ends, however it ends.
 */
final class JobExecution implements Runnable, RunContext {

    private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);
    private static final String[] SMALL_NUMBERS = IntStream.rangeClosed(0, 255).mapToObj(String::valueOf)
            .toArray(String[]::new);

    private final JobRun run;
    private final List<WorkItem> items;
    private final JobRunner runner;
    private final ServiceClock clock;
    private final Duration pace;
    private final LongSupplier logIds;
    private final Supplier<String> newAssetHandle;
    private final Consumer<JobLogRecord> logSink;

    // touched only by the worker thread running this execution
    private final List<LogDetail> details = new ArrayList<>();
    private final TaskItemStatus[] itemStatus;
    private int processed;
    private int succeeded;
    private int failed;
    private int processing;
    private JobState finalState; // set once the runner has returned

    JobExecution(JobRun run, List<WorkItem> items, JobRunner runner, ServiceClock clock, Duration pace, LongSupplier logIds,
            Supplier<String> newAssetHandle, Consumer<JobLogRecord> logSink) {
        this.run = run;
        this.items = List.copyOf(items);
        this.runner = runner;
        this.clock = clock;
        this.pace = pace;
        this.logIds = logIds;
        this.newAssetHandle = newAssetHandle;
        this.logSink = logSink;
        this.itemStatus = new TaskItemStatus[this.items.size()];
    }

    @Override
    public void run() {
        Instant start = clock.instant();
        if (!run.tryStart(start, this)) {
            return; // stopped while queued (its log is written already) or held until released
        }
        LogFamily family = job().type().logFamily();
        String name = job().name();
        details.add(detail(family.begin(), LogMessage.of("job.begin", name, number(items.size())), null, null, start));
        for (int i = 0; i < items.size(); i++) {
            itemStatus[i] = new TaskItemStatus(items.get(i).name(), 0, "Pending", start);
        }
        publishProgress(start);
        boolean fatal = false;
        try {
            runner.run(this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the pool is shutting down; the run ends as stopped
        } catch (RuntimeException e) {
            fatal = true;
            LOG.error("job {} failed in its runner", job().handle(), e);
            details.add(detail(LogFamily.FATAL_ERROR, LogMessage.of("job.fatal", name, number(processed),
                    e.getClass().getSimpleName()), null, null, clock.instant()));
        }
        Instant end = clock.instant();
        String summary;
        if (run.stopRequested() && processed < items.size()) {
            details.add(detail(LogFamily.FILE_CANCEL, run.stoppedByShutdown()
                    ? LogMessage.of("job.shutdown", name, number(processed), number(items.size()))
                    : LogMessage.of("job.stopped", name, run.stoppedBy(), number(processed), number(items.size())),
                    null, null, end));
            summary = "Stopped after " + processed + " of " + items.size() + " items";
        } else if (fatal) {
            summary = "Failed after " + processed + " of " + items.size() + " items";
        } else {
            summary = ("Done: " + succeeded + " succeeded, " + failed + " failed").intern(); // kept once, not per job
        }
        details.add(detail(family.end(), LogMessage.of("job.end", name, number(succeeded), number(failed)), null, null,
                end));
        finalState = JobState.DONE;
        publishProgress(end);
        logSink.accept(new JobLogRecord(logIds.getAsLong(), job(), run.snapshot().startDate(), end, succeeded, failed,
                0, items.size(), fatal, details));
        run.finish(end, summary);
    }

    @Override
    public JobDefinition job() {
        return run.job();
    }

    @Override
    public List<WorkItem> items() {
        return items;
    }

    @Override
    public boolean stopRequested() {
        return run.stopRequested();
    }

    @Override
    public boolean pace() throws InterruptedException {
        if (pace.isZero()) {
            return !run.stopRequested();
        }
        return clock.sleepUntil(clock.instant().plus(pace), run::stopRequested);
    }

    @Override
    public void itemStarted(int index) {
        Instant now = clock.instant();
        processing++;
        itemStatus[index] = new TaskItemStatus(items.get(index).name(), 50, "Processing", now);
        publishProgress(now);
    }

    @Override
    public void itemSucceeded(int index) {
        Instant now = clock.instant();
        WorkItem item = items.get(index);
        String asset = item.assetHandle();
        LogMessage message;
        if (asset == null && job().type().createsAssets()) {
            asset = newAssetHandle.get();
            message = LogMessage.of("item.created", item.name(), asset);
        } else {
            message = LogMessage.of("item.success", item.name());
        }
        details.add(detail(job().type().logFamily().success(), message, item, asset, now));
        succeeded++;
        itemDone(index, now, "Done");
    }

    @Override
    public void itemFailed(int index, String reason) {
        Instant now = clock.instant();
        WorkItem item = items.get(index);
        details.add(detail(job().type().logFamily().failure(), LogMessage.of("item.failed", item.name(), reason), item,
                item.assetHandle(), now));
        failed++;
        itemDone(index, now, "Failed: " + reason);
    }

    private void itemDone(int index, Instant now, String message) {
        processing = Math.max(0, processing - 1);
        processed++;
        itemStatus[index] = new TaskItemStatus(items.get(index).name(), 100, message, now);
        publishProgress(now);
    }

    /** A log line written at {@code now}, which the caller also uses for the progress it reports with it. */
    private static LogDetail detail(String logType, LogMessage message, WorkItem item, String assetHandle, Instant now) {
        return new LogDetail(logType, message, now, item == null ? null : displayName(item.name()),
                item == null ? null : "NoType", assetHandle);
    }

    /** A count as log text; the small ones, which nearly all are, are shared rather than kept once per log. */
    static String number(int n) {
        return n >= 0 && n < SMALL_NUMBERS.length ? SMALL_NUMBERS[n] : String.valueOf(n);
    }

    private void publishProgress(Instant now) {
        int total = items.size();
        int percent = (int) ((processed * 100L) / total);
        int pending = total - processed - processing;
        // the last of these stays with the finished job; jobs of one size share it rather than each keep a copy
        String message = (processed + " of " + total + " items processed").intern();
        List<TaskItemStatus> itemsNow = List.of(itemStatus.clone());
        run.update(s -> {
            JobState state = s.state();
            JobState taskState = finalState != null ? finalState : state;
            TaskStatus task = new TaskStatus(job().type().wireName(), taskState.wireName(), processed, processing, pending,
                    percent, message, now, itemsNow);
            // a stop request's message stays visible until the run is done
            String runMessage = state == JobState.STOPPING ? s.progressMessage() : message;
            return new RunSnapshot(s.job(), state, s.startDate(), s.triggerTime(), s.totalSize(),
                    Math.max(s.progress(), percent), runMessage, now, List.of(task), s.doneAt());
        });
    }

    /** The last path segment of a URL or path, which is what IPS calls the asset's name. */
    static String displayName(String item) {
        String trimmed = item;
        int query = trimmed.indexOf('?');
        if (query >= 0) {
            trimmed = trimmed.substring(0, query);
        }
        while (trimmed.endsWith("/") && trimmed.length() > 1) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        String last = slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
        return last.isEmpty() ? item : last;
    }
}
