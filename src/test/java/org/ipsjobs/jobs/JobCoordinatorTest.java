package org.ipsjobs.jobs;

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

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.Role;
import org.ipsjobs.auth.StoredPassword;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.schedule.ScheduleExpression;
import org.ipsjobs.schedule.TriggerInfo;
import org.ipsjobs.schedule.TriggerState;
import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job rules on their own: no HTTP, a hand-driven scheduler, a hand-driven clock, workers run on demand. */
class JobCoordinatorTest {

    private final ServiceClock clock = ServiceClock.frozen(Instant.parse("2026-03-01T10:00:00Z"), java.time.ZoneOffset.UTC);
    private final List<Runnable> queued = new ArrayList<>();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final InMemoryJobStore store = new InMemoryJobStore();
    private final User user = new User("u1", "u@example.com", StoredPassword.plain("x"), Role.IPS_USER, Set.of("47"), false);
    private final Caller caller = new Caller(user, null, null, null);
    private JobCoordinator jobs;

    @BeforeEach
    void create() {
        UserDirectory directory = new UserDirectory(List.of(new Company("47", "Sample")), List.of(user));
        JobSettings settings = new JobSettings("test", ZoneOffset.UTC, 1, Duration.ZERO, 2, Duration.ofMinutes(10),
                100, 10, 100);
        jobs = new JobCoordinator(store, directory, type -> context -> {
            for (int i = 0; i < context.items().size(); i++) {
                context.itemStarted(i);
                context.itemSucceeded(i);
            }
        }, queued::add, clock, settings);
        jobs.attach(scheduler);
    }

    @Test
    void aFireWhileThePreviousRunIsActiveIsSkipped() {
        JobHandle handle = jobs.submit(caller, request("Nightly", "0 0 0 * * ?"));
        jobs.fired(handle.value(), clock.instant());
        assertThat(queued).hasSize(1);

        jobs.fired(handle.value(), clock.instant());
        assertThat(queued).as("the first run has not started yet").hasSize(1);

        runQueued();
        jobs.fired(handle.value(), clock.instant());
        assertThat(queued).as("done, so the next fire runs").hasSize(1);
    }

    @Test
    void aFinishedImmediateJobIsForgottenAfterTheLingerButAScheduledOneStays() {
        JobHandle now = jobs.submit(caller, request("Now", null));
        JobHandle nightly = jobs.submit(caller, request("Nightly", "0 0 0 * * ?"));
        jobs.fired(nightly.value(), clock.instant());
        runQueued();

        clock.advance(Duration.ofMinutes(11));
        jobs.sweep();

        assertThat(store.retrieveRun(now.value())).isEmpty();
        assertThat(store.retrieveJob(now.value())).as("nothing can trigger it again").isEmpty();
        assertThat(store.retrieveRun(nightly.value())).isEmpty();
        assertThat(store.retrieveJob(nightly.value())).as("its schedule is still live").isPresent();
        assertThat(store.logsOfJob(now.value())).hasSize(1);
    }

    @Test
    void executeRefusesWhileARunIsActiveAndChangesNothing() {
        JobHandle handle = jobs.submit(caller, request("Nightly", "0 0 0 * * ?"));
        jobs.fired(handle.value(), clock.instant());

        assertThatThrownBy(() -> jobs.execute(caller, "47", handle.value()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already WaitingCoordinator");
        assertThat(scheduler.firedNow).isEmpty();
    }

    @Test
    void aRefusedSubmissionLeavesNoJobBehind() {
        assertThatThrownBy(() -> jobs.submit(caller, request("Bad", "not a schedule")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(store.scheduledJobsOfCompany("47")).isEmpty();
        assertThat(store.retrieveJob("47|Bad|")).isEmpty();
        assertThat(scheduler.triggers).isEmpty();
    }

    @Test
    void aSubmissionTheSchedulerRefusesIsRolledBack() {
        scheduler.refuseNext = true;

        assertThatThrownBy(() -> jobs.submit(caller, request("Refused", "0 0 0 * * ?")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.retrieveJob("47|Refused|")).as("stored, then removed again").isEmpty();
        assertThat(store.scheduledJobsOfCompany("47")).isEmpty();
        assertThat(scheduler.triggers).isEmpty();
    }

    @Test
    void textAnAnswerCouldNotCarryIsRefusedNamingTheField() {
        JobRequest escape = new JobRequest("47", null, "Fine", null, null, null, "bell\u0007 and escape\u001B",
                List.of(new JobDetail(JobType.IMAGE_SERVING_PUBLISH, "Full", new Object(), List.of())));
        JobRequest unpaired = new JobRequest("47", null, "Fine", "en\uD800", null, null, null,
                List.of(new JobDetail(JobType.IMAGE_SERVING_PUBLISH, "Full", new Object(), List.of())));

        assertThatThrownBy(() -> jobs.submit(caller, escape)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("description").hasMessageContaining("U+0007");
        assertThatThrownBy(() -> jobs.submit(caller, unpaired)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("locale").hasMessageContaining("U+D800");
        assertThat(store.retrieveJob("47|Fine|")).isEmpty();
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
            JobRequest at = new JobRequest("47", null, "At", null, Instant.parse(time), null, null,
                    List.of(new JobDetail(JobType.IMAGE_SERVING_PUBLISH, "Full", new Object(), List.of())));
            assertThatThrownBy(() -> jobs.submit(caller, at)).as(time).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("execTime");
        }
        assertThat(scheduler.triggers).isEmpty();
    }

    @Test
    void aShutdownStopsQueuedJobsWithALogLineSayingWhy() {
        JobHandle queuedJob = jobs.submit(caller, request("Queued", null));

        assertThat(jobs.stopAllForShutdown()).isEqualTo(1);
        runQueued();

        List<JobLogRecord> logs = store.logsOfJob(queuedJob.value());
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).details()).extracting(d -> d.message().key()).containsExactly("job.shutdownBeforeStart");
        assertThat(logs.get(0).details()).extracting(LogDetail::logType).containsExactly(LogFamily.FILE_CANCEL);
    }

    @Test
    void tooManyWorkItemsAreRefused() {
        List<WorkItem> items = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            items.add(WorkItem.named("http://x/" + i));
        }
        JobRequest request = new JobRequest("47", null, "Big", null, null, null, null,
                List.of(new JobDetail(JobType.URL_UPLOAD, "", new Object(), items)));
        assertThatThrownBy(() -> jobs.submit(caller, request)).hasMessageContaining("at most 10");
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    private static JobRequest request(String name, String schedule) {
        return new JobRequest("47", null, name, null, null, schedule, null,
                List.of(new JobDetail(JobType.IMAGE_SERVING_PUBLISH, "Full", new Object(), List.of())));
    }

    /** A scheduler that only records what it is told; tests fire jobs through the coordinator. */
    private static final class FakeScheduler implements JobScheduler {
        final Map<String, TriggerState> triggers = new HashMap<>();
        final List<String> firedNow = new ArrayList<>();
        boolean refuseNext;

        @Override
        public void start() {
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
