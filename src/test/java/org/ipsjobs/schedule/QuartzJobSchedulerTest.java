package org.ipsjobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuartzJobSchedulerTest {

    private final List<String> fired = new CopyOnWriteArrayList<>();
    private QuartzJobScheduler scheduler;

    @BeforeEach
    void start() {
        scheduler = new QuartzJobScheduler((key, due) -> fired.add(key), ZoneId.of("Europe/Berlin"));
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
        assertThat(info.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(info.nextFireTime().atZone(info.zone()).toLocalTime().toSecondOfDay()).isZero();

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
    void firesNowAndAtTheGivenTime() {
        scheduler.scheduleRecurring("manual", ScheduleExpression.parse("0 0 0 1 1 ? 2099"));
        assertThat(scheduler.fireNow("manual")).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fired.contains("manual"));

        scheduler.scheduleOnce("soon", Instant.now().plusMillis(200));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fired.contains("soon"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.trigger("soon").isEmpty());
    }
}
