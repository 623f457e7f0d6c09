package org.ipsjobs.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.Role;
import org.ipsjobs.auth.StoredPassword;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.control.FaultRules;
import org.ipsjobs.control.RunEvents;
import org.ipsjobs.jobs.api.JobFilter;
import org.ipsjobs.jobs.api.JobRequest;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogFamily;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.store.LogSearch;
import org.ipsjobs.jobs.store.memory.InMemoryJobStore;
import org.ipsjobs.run.JobExecution;
import org.ipsjobs.run.RunControls;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.schedule.ScheduleExpression;
import org.ipsjobs.schedule.TriggerInfo;
import org.ipsjobs.schedule.TriggerState;
import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job rules on their own: no HTTP, a hand-driven scheduler, a frozen clock, workers run on demand. */
class CoreJobServiceTest {

    private final ServiceClock clock = ServiceClock.frozen(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final List<Runnable> queued = new ArrayList<>();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final InMemoryJobStore store = new InMemoryJobStore();
    private final User user = new User("u1", "u@example.com", StoredPassword.plain("x"), Role.IPS_USER, Set.of("47"), false);
    private final Caller caller = new Caller(user, null, null, null);
    private final JobSettings settings = new JobSettings("test", ZoneOffset.UTC, 1, Duration.ZERO, 2,
            Duration.ofMinutes(10), 100, 10, 100);
    private Launcher launcher;
    private Sweeper sweeper;
    private CoreJobService core;
    private JobService jobs;

    @BeforeEach
    void create() {
        UserDirectory directory = new UserDirectory(List.of(new Company("47", "Sample")), List.of(user), clock);
        LiveJobSettings live = new LiveJobSettings(settings);
        sweeper = new Sweeper(store, scheduler, clock, live, new RunEvents());
        RunControls controls = new RunControls();
        launcher = new Launcher(store, controls, type -> context -> {
            for (int i = 0; i < context.items().size(); i++) {
                context.itemStarted(i);
                context.itemSucceeded(i);
            }
        }, queued::add, settings, new JobExecution.Setting(store, controls, clock, settings::pace, () -> { },
                new RunEvents(), new FaultRules()));
        core = new CoreJobService(store, directory, scheduler, launcher, clock, live);
        jobs = new GuardedJobService(core);
    }

    @Test
    void aFireWhileThePreviousRunIsActiveIsSkipped() {
        JobHandle handle = jobs.submit(caller, request("Nightly", "0 0 0 * * ?"));
        launcher.fired(handle.value(), clock.instant());
        assertThat(queued).hasSize(1);

        launcher.fired(handle.value(), clock.instant());
        assertThat(queued).as("the first run has not started yet").hasSize(1);

        runQueued();
        launcher.fired(handle.value(), clock.instant());
        assertThat(queued).as("done, so the next fire runs").hasSize(1);
    }

    @Test
    void runsAreNamedAndHandledAsIpsNamesThem() {
        JobHandle handle = jobs.submit(caller, request("Nightly", "0 0 0 * * ?"));
        assertThat(handle.value()).isEqualTo("j|47|Nightly||");
        launcher.fired(handle.value(), Instant.parse("2026-03-02T00:00:00Z"));

        RunRecord run = store.runsOf(handle).get(0);
        assertThat(run.handle().instanceName()).isEqualTo("Nightly_2026-03-02-00:00:00.000");
        assertThat(run.handle().value()).startsWith("j|47||Nightly_2026-03-02-00:00:00.000|");
        // either handle names the run for listings
        assertThat(jobs.activeJobs(caller, new JobFilter("47", run.handle().value(), null, true))).containsExactly(run);
        assertThat(jobs.activeJobs(caller, new JobFilter("47", handle.value(), null, true))).containsExactly(run);
    }

    @Test
    void aNameInUseIsRefusedUntilItsJobIsGone() {
        jobs.submit(caller, request("Once", null));
        assertThatThrownBy(() -> jobs.submit(caller, request("Once", null))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("already exists");
        runQueued();
        clock.advance(Duration.ofMinutes(11));
        sweeper.sweep();

        assertThat(jobs.submit(caller, request("Once", null)).value()).isEqualTo("j|47|Once||");
    }

    @Test
    void aFinishedImmediateJobIsForgottenAfterTheLingerButAScheduledOneStays() {
        JobHandle now = jobs.submit(caller, request("Now", null));
        JobHandle nightly = jobs.submit(caller, request("Nightly", "0 0 0 * * ?"));
        launcher.fired(nightly.value(), clock.instant());
        runQueued();

        clock.advance(Duration.ofMinutes(11));
        sweeper.sweep();

        assertThat(store.runsOf(now)).isEmpty();
        assertThat(store.job(now.value())).as("nothing can trigger it again").isEmpty();
        assertThat(store.runsOf(nightly)).isEmpty();
        assertThat(store.job(nightly.value())).as("its schedule is still live").isPresent();
        assertThat(logs(now.value())).hasSize(1);
    }

    @Test
    void executeRefusesWhileARunIsActiveAndChangesNothing() {
        JobHandle handle = jobs.submit(caller, request("Nightly", "0 0 0 * * ?"));
        launcher.fired(handle.value(), clock.instant());

        assertThatThrownBy(() -> jobs.execute(caller, "47", handle.value()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already WaitingCoordinator");
        assertThat(scheduler.firedNow).isEmpty();
    }

    @Test
    void stoppingAFinishedJobSucceedsAndChangesNothing() {
        JobHandle handle = jobs.submit(caller, request("Quick", null));
        runQueued();
        RunRecord done = store.runsOf(handle).get(0);

        jobs.stop(caller, "47", done.handle().value());
        jobs.stop(caller, "47", handle.value());

        assertThat(store.run(done.handle().value())).contains(done);
        assertThatThrownBy(() -> jobs.stop(caller, "47", "j|47|Nope||")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aHeldRunWaitsAndItsWorkIsQueuedAgainOnRelease() {
        JobHandle handle = jobs.submit(caller, request("Held", null));
        RunRecord run = store.runsOf(handle).get(0);
        jobs.pause(caller, "47", run.handle().value());
        runQueued(); // the worker finds it held and sets it aside

        assertThat(store.run(run.handle().value()).orElseThrow().state()).isEqualTo(JobState.WAITING_COORDINATOR);
        jobs.resume(caller, "47", handle.value());
        runQueued();

        assertThat(store.run(run.handle().value()).orElseThrow().state()).isEqualTo(JobState.DONE);
    }

    @Test
    void rolesAreCheckedAtTheServiceBoundary() {
        User companyAdmin = new User("ca", "ca@example.com", StoredPassword.plain("x"), Role.IPS_COMPANY_ADMIN,
                Set.of("47"), false);
        assertThatThrownBy(() -> jobs.submit(new Caller(companyAdmin, null, null, null), request("Nope", null)))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("'submitJob'");
        assertThat(store.counts().jobs()).isZero();
    }

    @Test
    void aRefusedSubmissionLeavesNoJobBehind() {
        assertThatThrownBy(() -> jobs.submit(caller, request("Bad", "not a schedule")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(store.scheduledJobs("47")).isEmpty();
        assertThat(store.job("j|47|Bad||")).isEmpty();
        assertThat(scheduler.triggers).isEmpty();
    }

    @Test
    void aSubmissionTheSchedulerRefusesIsRolledBack() {
        scheduler.refuseNext = true;

        assertThatThrownBy(() -> jobs.submit(caller, request("Refused", "0 0 0 * * ?")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.job("j|47|Refused||")).as("stored, then removed again").isEmpty();
        assertThat(store.scheduledJobs("47")).isEmpty();
        assertThat(scheduler.triggers).isEmpty();
    }

    @Test
    void textAnAnswerCouldNotCarryIsRefusedNamingTheField() {
        JobRequest escape = new JobRequest("47", null, "Fine", null, null, null, "bell\u0007 and escape\u001B",
                List.of(publish()));
        JobRequest unpaired = new JobRequest("47", null, "Fine", "en\uD800", null, null, null, List.of(publish()));
        JobRequest inOptions = new JobRequest("47", null, "Fine", null, null, null, null, List.of(
                new JobParameters.OptimizeImages(new Options(List.of(Options.Option.text("emailSetting", "x\u001B"))))));

        assertThatThrownBy(() -> jobs.submit(caller, escape)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("description").hasMessageContaining("U+0007");
        assertThatThrownBy(() -> jobs.submit(caller, unpaired)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("locale").hasMessageContaining("U+D800");
        assertThatThrownBy(() -> jobs.submit(caller, inOptions)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("job-detail").hasMessageContaining("U+001B");
        assertThat(store.job("j|47|Fine||")).isEmpty();
    }

    @Test
    void aScheduleThatCanNeverFireIsRefused() {
        for (String never : List.of("0 0 0 31 2 ?", "0 0 0 * * ? 1970", "00 00 00 30 02")) {
            assertThatThrownBy(() -> jobs.submit(caller, request("Never", never))).as(never)
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("never fires");
        }
        assertThat(scheduler.triggers).isEmpty();
    }

    @Test
    void anExecTimeOutsideTheSaneWindowIsRefused() {
        for (String time : List.of("1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z")) {
            JobRequest at = new JobRequest("47", null, "At", null, Instant.parse(time), null, null, List.of(publish()));
            assertThatThrownBy(() -> jobs.submit(caller, at)).as(time).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("execTime");
        }
        assertThat(scheduler.triggers).isEmpty();
    }

    @Test
    void aShutdownStopsQueuedJobsWithALogLineSayingWhy() {
        JobHandle queuedJob = jobs.submit(caller, request("Queued", null));

        assertThat(core.stopAllForShutdown()).isEqualTo(1);
        runQueued();

        List<LogRecord> logs = logs(queuedJob.value());
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).details()).extracting(d -> d.message().key()).containsExactly("job.shutdownBeforeStart");
        assertThat(logs.get(0).details()).extracting(LogDetail::logType).containsExactly(LogFamily.FILE_CANCEL);
    }

    @Test
    void tooManyWorkItemsAreRefused() {
        List<String> assets = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            assets.add("a|47|" + i);
        }
        JobRequest request = new JobRequest("47", null, "Big", null, null, null, null,
                List.of(new JobParameters.ReprocessAssets(assets, Options.NONE)));
        assertThatThrownBy(() -> jobs.submit(caller, request)).hasMessageContaining("at most 10");
    }

    private List<LogRecord> logs(String handle) {
        return store.searchLogs(new LogSearch(List.of("47"), handle, null, null, null, null,
                org.ipsjobs.jobs.api.JobLogSortField.START_DATE, org.ipsjobs.jobs.api.SortDirection.ASCENDING, 100));
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    private static JobParameters publish() {
        return new JobParameters.ImageServingPublish("Full", Options.NONE);
    }

    private static JobRequest request(String name, String schedule) {
        return new JobRequest("47", null, name, null, null, schedule, null, List.of(publish()));
    }

    /** A scheduler that only records what it is told; tests fire jobs through the launcher. */
    private static final class FakeScheduler implements JobScheduler {
        final Map<String, TriggerState> triggers = new HashMap<>();
        final List<String> firedNow = new ArrayList<>();
        boolean refuseNext;

        @Override
        public void start() {
        }

        @Override
        public void clear() {
            triggers.clear();
        }

        @Override
        public void scheduleRecurring(String key, ScheduleExpression schedule) {
            if (refuseNext) {
                refuseNext = false;
                throw new IllegalStateException("scheduler failure: refused for the test");
            }
            triggers.put(key, TriggerState.NORMAL);
        }

        @Override
        public void scheduleOnce(String key, Instant at) {
            triggers.put(key, TriggerState.NORMAL);
        }

        @Override
        public boolean pause(String key) {
            return triggers.replace(key, TriggerState.PAUSED) != null;
        }

        @Override
        public boolean resume(String key) {
            return triggers.replace(key, TriggerState.NORMAL) != null;
        }

        @Override
        public boolean fireNow(String key) {
            firedNow.add(key);
            return triggers.containsKey(key);
        }

        @Override
        public boolean remove(String key) {
            return triggers.remove(key) != null;
        }

        @Override
        public Optional<TriggerInfo> trigger(String key) {
            TriggerState state = triggers.get(key);
            return state == null ? Optional.empty() : Optional.of(new TriggerInfo(null, state, ZoneOffset.UTC));
        }

        @Override
        public void close() {
        }
    }
}
