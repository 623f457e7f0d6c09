package org.ipsjobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClockSchedulerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final ServiceClock clock = ServiceClock.frozen(Instant.parse("2030-03-01T10:00:00Z"), BERLIN);
    private final List<String> fired = new CopyOnWriteArrayList<>();
    private ClockScheduler scheduler;

    @BeforeEach
    void start() {
        scheduler = new ClockScheduler((key, due) -> fired.add(key + "@" + due), clock, BERLIN);
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void reportsTriggersAndTheirStates() {
        scheduler.scheduleRecurring("nightly", ScheduleExpression.parse("00 00 00 * * "));

        TriggerInfo info = scheduler.trigger("nightly").orElseThrow();
        assertThat(info.state()).isEqualTo(TriggerState.NORMAL);
        assertThat(info.zone()).isEqualTo(BERLIN);
        assertThat(info.nextFireTime()).isEqualTo(Instant.parse("2030-03-01T23:00:00Z")); // midnight in Berlin

        assertThat(scheduler.pause("nightly")).isTrue();
        assertThat(scheduler.trigger("nightly").orElseThrow().state()).isEqualTo(TriggerState.PAUSED);
        assertThat(scheduler.resume("nightly")).isTrue();
        assertThat(scheduler.trigger("nightly").orElseThrow().state()).isEqualTo(TriggerState.NORMAL);
        assertThat(scheduler.remove("nightly")).isTrue();
        assertThat(scheduler.trigger("nightly")).isEmpty();
    }

    @Test
    void unknownKeysAreReportedNotIgnored() {
        assertThat(scheduler.pause("nope")).isFalse();
        assertThat(scheduler.resume("nope")).isFalse();
        assertThat(scheduler.fireNow("nope")).isFalse();
        assertThat(scheduler.remove("nope")).isFalse();
    }

    @Test
    void threeDaysOfANightlyScheduleFireThreeTimesAtTheirMidnights() {
        scheduler.scheduleRecurring("nightly", ScheduleExpression.parse("00 00 00 * * "));

        clock.advance(Duration.ofDays(3));

        assertThat(fired).containsExactly("nightly@2030-03-01T23:00:00Z", "nightly@2030-03-02T23:00:00Z",
                "nightly@2030-03-03T23:00:00Z");
    }

    @Test
    void aOneShotTriggerFiresOnceAndIsGone() {
        scheduler.scheduleOnce("soon", clock.instant().plusSeconds(90));
        clock.advance(Duration.ofMinutes(1));
        assertThat(fired).isEmpty();

        clock.advance(Duration.ofMinutes(1));

        assertThat(fired).containsExactly("soon@2030-03-01T10:01:30Z");
        assertThat(scheduler.trigger("soon")).isEmpty();
    }

    @Test
    void firesMissedWhilePausedAreSkipped() {
        scheduler.scheduleRecurring("nightly", ScheduleExpression.parse("00 00 00 * * "));
        scheduler.pause("nightly");
        clock.advance(Duration.ofDays(2));
        scheduler.resume("nightly");

        clock.advance(Duration.ofDays(1));

        assertThat(fired).containsExactly("nightly@2030-03-03T23:00:00Z");
    }

    @Test
    void aJumpOfTheClockSkipsMissedRecurringFiresButStillFiresAOneShot() {
        scheduler.scheduleRecurring("nightly", ScheduleExpression.parse("00 00 00 * * "));
        scheduler.scheduleOnce("once", clock.instant().plusSeconds(60));

        clock.freezeAt(clock.instant().plus(Duration.ofDays(2))); // not advanced: set
        clock.advance(Duration.ZERO);

        assertThat(fired).containsExactly("once@2030-03-03T10:00:00Z");
        assertThat(scheduler.trigger("nightly").orElseThrow().nextFireTime()).isEqualTo(Instant.parse("2030-03-03T23:00:00Z"));
    }

    @Test
    void aSkippedFireIsReportedAsMissed() {
        scheduler.close();
        List<String> missed = new CopyOnWriteArrayList<>();
        scheduler = new ClockScheduler(new FireHandler() {
            @Override
            public void fired(String key, Instant due) {
                fired.add(key + "@" + due);
            }

            @Override
            public void missed(String key, Instant due) {
                missed.add(key + "@" + due);
            }
        }, clock, BERLIN);
        scheduler.start();
        scheduler.scheduleRecurring("nightly", ScheduleExpression.parse("00 00 00 * * "));

        clock.freezeAt(clock.instant().plus(Duration.ofDays(2))); // set, not advanced
        clock.advance(Duration.ZERO);

        assertThat(fired).isEmpty();
        assertThat(missed).containsExactly("nightly@2030-03-01T23:00:00Z");
    }

    @Test
    void fireNowLeavesTheScheduleAsItWas() {
        scheduler.scheduleRecurring("manual", ScheduleExpression.parse("0 0 0 1 1 ? 2099"));
        assertThat(scheduler.fireNow("manual")).isTrue();
        assertThat(fired).containsExactly("manual@2030-03-01T10:00:00Z");
        assertThat(scheduler.trigger("manual")).isPresent();
    }
}
