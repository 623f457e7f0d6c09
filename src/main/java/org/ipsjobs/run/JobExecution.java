package org.ipsjobs.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import org.ipsjobs.control.FaultEffect;
import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RunEvents;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogFamily;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunHandle;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.model.TaskItemStatus;
import org.ipsjobs.jobs.model.TaskStatus;
import org.ipsjobs.jobs.model.WorkItem;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.jobs.store.StaleRecordException;
import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one run through its runner on a worker thread: it is the runner's {@link RunContext},
 * keeps the run's record in the store current (each change a compare-and-set on the record's
 * version, retried when a stop or hold changed it meanwhile), collects the log lines, and writes the
 * job log when the run ends, however it ends.
 */
public final class JobExecution implements Runnable, RunContext {

    private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);
    private static final String[] SMALL_NUMBERS = IntStream.rangeClosed(0, 255).mapToObj(String::valueOf)
            .toArray(String[]::new);

    /**
     * What an execution needs besides its run: the same for every run of a server.
     *
     * @param pace the time a runner's {@code pace()} waits, read at each call (it can change at run time)
     * @param onFinished called after each run has ended and its log is stored
     * @param events told when a run starts and ends
     * @param faults the fault rules a test added; a run looks once, when a worker first takes it
     */
    public record Setting(JobStore store, RunControls controls, ServiceClock clock, Supplier<Duration> pace,
            Runnable onFinished, RunEvents events, FaultRules faults) {
    }

    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    private final RunHandle handle;
    private final String key; // the handle's text, written once: a run looks itself up at every step
    private final JobRunner runner;
    private final Setting setting;
    private final List<WorkItem> items; // grows when a running job learns of more (UploadFile POSTs)

    // touched only by the worker thread running this execution
    private final List<LogDetail> details = new ArrayList<>();
    private TaskItemStatus[] itemStatus;
    private JobParameters parameters;
    private JobType type;
    private int processed;
    private int succeeded;
    private int failed;
    private int warnings;
    private int processing;
    private long lastItemProgress; // when itemProgress last reached the store, in clock millis
    private boolean finished;
    // what fault rules ask of this run; looked up once, when a worker first takes it
    private boolean faultsLookedUp;
    private FaultEffect.FailItem failItem;
    private FaultEffect.Stall stall;
    private FaultEffect.Pace paceOverride;
    // a seeded run that is to be found Running at a given progress gets there without waiting
    private final FaultEffect.Stall seeded;
    private boolean fastForward;

    /**
     * @param items the items to work through (the job's, or numbered ones when it names none)
     */
    public JobExecution(RunHandle handle, List<WorkItem> items, JobRunner runner, Setting setting) {
        this(handle, items, runner, setting, null);
    }

    /**
     * @param seeded for a run a seed puts in a state: held while queued, or (running) moved without
     *        waiting to the stall's progress and held there; until released, as a stall rule's run
     */
    public JobExecution(RunHandle handle, List<WorkItem> items, JobRunner runner, Setting setting,
            FaultEffect.Stall seeded) {
        this.handle = handle;
        this.key = handle.value();
        this.items = new ArrayList<>(items);
        this.runner = runner;
        this.setting = setting;
        this.seeded = seeded;
    }

    @Override
    public void run() {
        RunRecord run = setting.store().run(key).orElse(null);
        if (run == null || run.state() != JobState.WAITING_COORDINATOR) {
            return; // stopped or deleted while queued: its log is written already
        }
        if (!faultsLookedUp) {
            faultsLookedUp = true;
            lookUpFaults(run);
            if (stall != null && stall.queued()) {
                stall = null;
                try {
                    run = setting.store().updateRun(run.next(run.state(), true, run.stop(),
                            "Held by a fault rule until released", setting.clock().instant(), run.doneAt()));
                } catch (StaleRecordException e) {
                    run(); // stopped or held meanwhile: look again
                    return;
                }
            }
        }
        if (run.held()) {
            setting.controls().park(key, this);
            // a release between the look above and the parking would find nothing parked: look again
            RunRecord now = setting.store().run(key).orElse(null);
            if (now != null && !now.held() && setting.controls().unpark(key).isPresent()) {
                run();
            }
            return;
        }
        Instant start = setting.clock().instant();
        RunRecord started;
        try {
            started = setting.store().updateRun(run.started(start));
        } catch (StaleRecordException e) {
            run(); // held or stopped meanwhile: look again
            return;
        }
        setting.events().record(RunEvents.Kind.STARTED, key, start, null);
        parameters = started.job().parameters();
        type = parameters.type();
        setting.events().listener().started(type);
        LogFamily family = type.logFamily();
        String name = started.job().name();
        details.add(detail(family.begin(), LogMessage.of("job.begin", name, number(items.size())), null, null, start));
        itemStatus = new TaskItemStatus[items.size()];
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
            LOG.error("job {} failed in its runner", handle, e);
            details.add(detail(LogFamily.FATAL_ERROR, LogMessage.of("job.fatal", name, number(processed),
                    e.getClass().getSimpleName()), null, null, setting.clock().instant()));
        }
        finish(name, fatal);
    }

    private void lookUpFaults(RunRecord run) {
        if (seeded != null) {
            stall = seeded;
            fastForward = !seeded.queued();
        }
        FaultRules faults = setting.faults();
        if (faults.isEmpty()) {
            return;
        }
        for (FaultEffect effect : faults.forRun(run.companyHandle(), run.job().name(), run.job().type(),
                run.job().submitUserEmail())) {
            if (effect instanceof FaultEffect.FailItem f) {
                failItem = f;
            } else if (effect instanceof FaultEffect.Stall s && stall == null) {
                stall = s;
            } else if (effect instanceof FaultEffect.Pace p) {
                paceOverride = p;
            }
        }
    }

    private void finish(String name, boolean fatal) {
        Instant end = setting.clock().instant();
        RunRecord last = current();
        String summary;
        RunEvents.Outcome outcome = RunEvents.Outcome.COMPLETED;
        if (last.stopRequested() && processed < items.size()) {
            outcome = RunEvents.Outcome.STOPPED;
            details.add(detail(LogFamily.FILE_CANCEL, last.stop().byShutdown()
                    ? LogMessage.of("job.shutdown", name, number(processed), number(items.size()))
                    : LogMessage.of("job.stopped", name, last.stop().requestedBy(), number(processed),
                            number(items.size())), null, null, end));
            summary = "Stopped after " + processed + " of " + items.size() + " items";
        } else if (fatal) {
            outcome = RunEvents.Outcome.FAILED;
            summary = "Failed after " + processed + " of " + items.size() + " items";
        } else {
            summary = ("Done: " + succeeded + " succeeded, " + failed + " failed").intern(); // kept once, not per job
        }
        details.add(detail(type.logFamily().end(), LogMessage.of("job.end", name, number(succeeded), number(failed)),
                null, null, end));
        finished = true;
        publishProgress(end);
        RunRecord done = update(r -> r.next(JobState.DONE, false, r.stop(), summary, end, end));
        setting.store().appendLog(new LogRecord(setting.store().nextLogId(), handle, done.job().submitUserEmail(),
                done.job().locale(), done.job().description(), type, parameters.subType(), done.startDate(), end,
                succeeded, failed, warnings, items.size(), fatal, details));
        setting.events().record(RunEvents.Kind.FINISHED, key, end, summary);
        setting.events().listener().finished(type, outcome, succeeded, failed);
        setting.onFinished().run();
    }

    @Override
    public JobParameters parameters() {
        return parameters;
    }

    @Override
    public List<WorkItem> items() {
        return java.util.Collections.unmodifiableList(items);
    }

    @Override
    public String jobHandle() {
        return handle.job().value();
    }

    @Override
    public int addItem(String name) {
        Instant now = setting.clock().instant();
        items.add(WorkItem.named(name));
        itemStatus = java.util.Arrays.copyOf(itemStatus, items.size());
        itemStatus[items.size() - 1] = new TaskItemStatus(name, 0, "Pending", now);
        return items.size() - 1;
    }

    @Override
    public boolean waitForClient(Instant deadline, java.util.function.BooleanSupplier arrived)
            throws InterruptedException {
        ServiceClock clock = setting.clock();
        String message = "Waiting for the next POST until " + deadline;
        update(r -> r.state() == JobState.RUNNING
                ? r.next(JobState.WAITING_CLIENT, r.held(), r.stop(), message, clock.instant(), null) : null);
        try {
            clock.sleepUntil(deadline, () -> arrived.getAsBoolean() || stopRequested());
        } finally {
            String back = processed + " of " + items.size() + " items processed";
            update(r -> r.state() == JobState.WAITING_CLIENT
                    ? r.next(JobState.RUNNING, r.held(), r.stop(), back, clock.instant(), null) : null);
        }
        return arrived.getAsBoolean();
    }

    @Override
    public void jobWarning(LogMessage message) {
        details.add(detail(type.logFamily().warning(), message, null, null, setting.clock().instant()));
    }

    @Override
    public void jobSuccess(LogMessage message) {
        details.add(detail(type.logFamily().success(), message, null, null, setting.clock().instant()));
    }

    @Override
    public boolean stopRequested() {
        return current().stopRequested();
    }

    @Override
    public boolean pace() throws InterruptedException {
        // stall before the item that would take the run past the stall's progress
        if (stall != null && (processed + 1) * 100L > (long) stall.atProgress() * items.size()) {
            waitForRelease();
        }
        if (fastForward) {
            return !stopRequested();
        }
        Duration pace = paceOverride != null ? paceOverride.perItem() : setting.pace().get();
        if (pace.isZero()) {
            return !stopRequested();
        }
        ServiceClock clock = setting.clock();
        return clock.sleepUntil(clock.instant().plus(pace), this::stopRequested);
    }

    /** Stalls the run, as a fault rule asked, until the admin API releases it or a stop comes. */
    private void waitForRelease() throws InterruptedException {
        int at = stall.atProgress();
        stall = null;
        fastForward = false;
        setting.controls().stall(key);
        Instant now = setting.clock().instant();
        // it reports exactly the progress it was stalled at, which whole items rarely make
        update(r -> r.progressed(Math.max(r.progress(), at), "Stalled by a fault rule until released", now, r.tasks()));
        try {
            setting.clock().sleepUntil(NEVER, () -> !setting.controls().isStalled(key) || stopRequested());
        } finally {
            setting.controls().release(key);
        }
    }

    @Override
    public void itemStarted(int index) {
        Instant now = setting.clock().instant();
        processing++;
        itemStatus[index] = new TaskItemStatus(items.get(index).name(), 0.5, "Processing", now);
        publishProgress(now);
    }

    @Override
    public void itemSucceeded(int index) {
        if (failItem != null && index == failItem.item() - 1) {
            fail(index, failItem.message(), failItem.logType());
            return;
        }
        Instant now = setting.clock().instant();
        WorkItem item = items.get(index);
        String asset = item.assetHandle();
        LogMessage message;
        if (asset == null && type.createsAssets()) {
            String company = handle.job().companyHandle();
            asset = "a|" + JobHandle.companyId(company) + "|" + setting.store().nextAssetNumber(company);
            message = LogMessage.of("item.created", item.name(), asset);
        } else {
            message = LogMessage.of("item.success", item.name());
        }
        details.add(detail(type.logFamily().success(), message, item, asset, now));
        succeeded++;
        itemDone(index, now, "Done");
    }

    @Override
    public void itemFailed(int index, String reason) {
        fail(index, reason, null);
    }

    @Override
    public String companyHandle() {
        return handle.job().companyHandle();
    }

    @Override
    public String jobName() {
        return handle.job().name();
    }

    @Override
    public void itemProgress(int index, double fraction, String message) {
        Instant now = setting.clock().instant();
        // a download reports every buffer; the record follows a few times a second, which is what a poller sees
        if (now.toEpochMilli() - lastItemProgress < 250) {
            return;
        }
        lastItemProgress = now.toEpochMilli();
        itemStatus[index] = new TaskItemStatus(items.get(index).name(), Math.max(0, Math.min(0.99, fraction)),
                message, now);
        publishProgress(now);
    }

    @Override
    public void itemSucceeded(int index, String assetHandle, LogMessage message) {
        if (failItem != null && index == failItem.item() - 1) {
            fail(index, failItem.message(), failItem.logType());
            return;
        }
        Instant now = setting.clock().instant();
        details.add(detail(type.logFamily().success(), message, items.get(index), assetHandle, now));
        succeeded++;
        itemDone(index, now, "Done");
    }

    @Override
    public void itemWarning(int index, String assetHandle, LogMessage message) {
        Instant now = setting.clock().instant();
        details.add(detail(type.logFamily().warning(), message, items.get(index), assetHandle, now));
        warnings++;
        itemDone(index, now, "Done with a warning");
    }

    @Override
    public void itemFailed(int index, LogMessage message) {
        Instant now = setting.clock().instant();
        WorkItem item = items.get(index);
        details.add(detail(type.logFamily().failure(), message, item, item.assetHandle(), now));
        failed++;
        itemDone(index, now, "Failed");
    }

    private void fail(int index, String reason, String logType) {
        Instant now = setting.clock().instant();
        WorkItem item = items.get(index);
        details.add(detail(logType != null ? logType : type.logFamily().failure(),
                LogMessage.of("item.failed", item.name(), reason), item, item.assetHandle(), now));
        failed++;
        itemDone(index, now, "Failed: " + reason);
    }

    private void itemDone(int index, Instant now, String message) {
        processing = Math.max(0, processing - 1);
        processed++;
        itemStatus[index] = new TaskItemStatus(items.get(index).name(), 1.0, message, now);
        publishProgress(now);
    }

    private RunRecord current() {
        return setting.store().run(key)
                .orElseThrow(() -> new IllegalStateException("run " + handle + " is gone from the store"));
    }

    /** Stores a change of the run, computed again from the stored version if another change came first. */
    private RunRecord update(UnaryOperator<RunRecord> change) {
        while (true) {
            RunRecord stored = current();
            RunRecord next = change.apply(stored);
            if (next == null) {
                return stored; // the change does not apply to this version
            }
            try {
                return setting.store().updateRun(next);
            } catch (StaleRecordException e) {
                // a stop or hold changed the run meanwhile: apply the change to that version
            }
        }
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
        int percent = total == 0 ? 0 : (int) ((processed * 100L) / total);
        int pending = total - processed - processing;
        // the last of these stays with the finished job; jobs of one size share it rather than each keep a copy
        String message = (processed + " of " + total + " items processed").intern();
        List<TaskItemStatus> itemsNow = List.of(itemStatus.clone());
        double fraction = total == 0 ? 0 : (double) processed / total;
        update(r -> {
            JobState taskState = finished ? JobState.DONE : r.state();
            TaskStatus task = new TaskStatus(TaskTypes.of(type), taskState.wireName(), processed, processing, pending,
                    fraction, message, now, itemsNow);
            // a stop request's message stays visible until the run is done
            String runMessage = r.state() == JobState.STOPPING ? r.progressMessage() : message;
            return r.progressed(percent, runMessage, now, List.of(task));
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
