package org.ipsjobs.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.ipsjobs.run.WorkerPool;
import org.junit.jupiter.api.Test;

class ServiceClockTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aFrozenClockMovesOnlyWhenToldAndCanBeSetRunning() {
        ServiceClock clock = ServiceClock.frozen(START, ZoneOffset.UTC);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.mode()).isEqualTo(ServiceClock.Mode.FROZEN);

        clock.advance(Duration.ofHours(2));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)));

        clock.runAtOffset(Duration.ofDays(-1));
        assertThat(clock.mode()).isEqualTo(ServiceClock.Mode.OFFSET);
        assertThat(Duration.between(Instant.now().minus(Duration.ofDays(1)), clock.instant()).abs())
                .isLessThan(Duration.ofSeconds(5));
        clock.runReal();
        assertThat(clock.mode()).isEqualTo(ServiceClock.Mode.REAL);
    }

    @Test
    void advancingStepsThroughEveryDeadlineOfTheBackgroundThreadsInOrder() throws Exception {
        ServiceClock clock = ServiceClock.frozen(START, ZoneOffset.UTC);
        List<Instant> seen = new CopyOnWriteArrayList<>();
        // a background loop that wakes every 10 minutes and notes the time it woke at
        Thread loop = new Thread(() -> {
            clock.participate();
            try {
                while (true) {
                    clock.sleepUntil(clock.instant().plus(Duration.ofMinutes(10)), () -> false);
                    seen.add(clock.instant());
                }
            } catch (InterruptedException e) {
                // the test is over
            } finally {
                clock.withdraw();
            }
        });
        loop.setDaemon(true);
        loop.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> loop.getState() == Thread.State.WAITING);

        int steps = clock.advance(Duration.ofHours(1));

        assertThat(steps).isEqualTo(6);
        assertThat(seen).hasSize(6).first().isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(seen).last().isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
        loop.interrupt();
    }

    @Test
    void anAdvanceReturnsOnlyWhenEveryPieceOfQueuedWorkIsDone() throws Exception {
        ServiceClock clock = ServiceClock.frozen(START, ZoneOffset.UTC);
        AtomicInteger done = new AtomicInteger();
        WorkerPool workers = new WorkerPool(4, clock);
        try {
            // each piece waits a minute of clock time, as a paced runner does
            Runnable piece = () -> {
                try {
                    clock.sleepUntil(clock.instant().plus(Duration.ofMinutes(1)), () -> false);
                    done.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            for (int i = 0; i < 200; i++) {
                workers.execute(piece);
            }

            clock.advance(Duration.ofHours(1));

            assertThat(done).as("200 pieces on 4 workers need 50 minutes of clock time").hasValue(200);
        } finally {
            workers.close();
        }
    }

    @Test
    void aWaitEndsEarlyWhenItsConditionIsWokenUp() throws Exception {
        ServiceClock clock = ServiceClock.frozen(START, ZoneOffset.UTC);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean reached = new AtomicBoolean(true);
        Thread waiter = new Thread(() -> {
            try {
                reached.set(clock.sleepUntil(START.plus(Duration.ofDays(1)), stop::get));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        stop.set(true);
        clock.wakeUp();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !waiter.isAlive());
        assertThat(reached).isFalse();
    }

    @Test
    void aRealClockWaitsRealTime() throws Exception {
        ServiceClock clock = ServiceClock.system(ZoneOffset.UTC);
        Instant deadline = clock.instant().plusMillis(50);
        assertThat(clock.sleepUntil(deadline, () -> false)).isTrue();
        assertThat(clock.instant()).isAfterOrEqualTo(deadline);
    }
}
