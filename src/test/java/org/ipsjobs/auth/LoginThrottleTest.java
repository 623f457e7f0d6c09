package org.ipsjobs.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ServiceClock clock = ServiceClock.frozen(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void locksOneUserOutForLongerAfterEachFailure() {
        throttle.failed("a");
        throttle.failed("a");
        assertThat(throttle.lockedFor("a")).isEmpty();
        throttle.failed("a");
        assertThat(throttle.lockedFor("a")).contains(Duration.ofSeconds(1));
        throttle.failed("a");
        assertThat(throttle.lockedFor("a")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            throttle.failed("a");
        }
        assertThat(throttle.lockedFor("a")).contains(Duration.ofSeconds(10));
        assertThat(throttle.lockedFor("b")).as("others are not affected").isEmpty();

        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.lockedFor("a")).isEmpty();
    }

    @Test
    void tellsWhichFailureLockedTheKeyOut() {
        assertThat(throttle.failed("a")).isFalse();
        assertThat(throttle.failed("a")).isFalse();
        assertThat(throttle.failed("a")).as("the third of three free failures locks").isTrue();
        assertThat(throttle.failed("a")).as("already locked out: no new lockout").isFalse();

        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.failed("a")).as("the lockout ran out; this failure locks again").isTrue();
    }

    @Test
    void aSuccessClearsTheCount() {
        throttle.failed("a");
        throttle.failed("a");
        throttle.succeeded("a");
        throttle.failed("a");
        assertThat(throttle.lockedFor("a")).isEmpty();
    }

    @Test
    void failuresWhileLockedOutCountToo() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("a");
        }
        assertThat(throttle.lockedFor("a")).contains(Duration.ofSeconds(1));
        // hammering during the lockout is not free: each attempt doubles it
        throttle.failed("a");
        throttle.failed("a");
        assertThat(throttle.lockedFor("a")).contains(Duration.ofSeconds(4));
    }

    @Test
    void theTimeToWaitIsRoundedUp() {
        assertThat(LoginThrottle.secondsToWait(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(LoginThrottle.secondsToWait(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(LoginThrottle.secondsToWait(Duration.ofSeconds(4))).isEqualTo(4);
        assertThat(LoginThrottle.secondsToWait(Duration.ofMillis(4001))).isEqualTo(5);
    }
}
