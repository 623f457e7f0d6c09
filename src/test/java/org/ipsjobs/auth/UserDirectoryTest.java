package org.ipsjobs.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.Test;

/** Who can lock whom out: failed logins and checks only ever slow down whoever made them. */
class UserDirectoryTest {

    private final ServiceClock clock = ServiceClock.frozen(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    private final User victim = new User("v", "victim@example.com", StoredPassword.plain("victim-pw"), Role.IPS_USER,
            Set.of("47"), false);
    private final User attacker = new User("a", "attacker@example.com", StoredPassword.plain("attacker-pw"),
            Role.IPS_USER, Set.of("47"), false);
    private final UserDirectory directory = new UserDirectory(List.of(new Company("47", "Sample")),
            List.of(victim, attacker), clock);
    private final Caller attackerCaller = new Caller(attacker, null, null, null);

    @Test
    void failedCheckLoginCallsNeverLockTheCheckedUserOut() {
        for (int i = 0; i < 5; i++) {
            assertThat(directory.checkLogin(attackerCaller, "47", victim.email(), "guess-" + i)).isFalse();
        }
        for (int i = 5; i < 20; i++) {
            String guess = "guess-" + i;
            assertThatThrownBy(() -> directory.checkLogin(attackerCaller, "47", victim.email(), guess))
                    .isInstanceOf(TooManyAttemptsException.class);
        }
        assertThat(directory.authenticate(new Credentials(victim.email(), "victim-pw"), "10.0.0.1")).isEqualTo(victim);
        Caller victimCaller = new Caller(victim, null, null, null);
        assertThat(directory.checkLogin(victimCaller, "47", victim.email(), "victim-pw")).isTrue();
    }

    @Test
    void theCheckerIsThrottledForThatUserAndToldHowLongToWait() {
        for (int i = 0; i < 5; i++) {
            directory.checkLogin(attackerCaller, "47", victim.email(), "guess-" + i);
        }
        assertThatThrownBy(() -> directory.checkLogin(attackerCaller, "47", victim.email(), "victim-pw"))
                .isInstanceOf(TooManyAttemptsException.class).hasMessageContaining("try again in 1 s");

        clock.advance(Duration.ofMillis(2500)); // the refused attempt doubled the lockout to 2 s
        assertThat(directory.checkLogin(attackerCaller, "47", victim.email(), "victim-pw")).isTrue();
    }

    @Test
    void guessingFromOneAddressDoesNotLockOutTheUserElsewhere() {
        for (int i = 0; i < 10; i++) {
            String guess = "guess-" + i;
            assertThatThrownBy(() -> directory.authenticate(new Credentials(victim.email(), guess), "203.0.113.9"))
                    .isInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> directory.authenticate(new Credentials(victim.email(), "victim-pw"), "203.0.113.9"))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("try again in");

        assertThat(directory.authenticate(new Credentials(victim.email(), "victim-pw"), "198.51.100.7"))
                .as("the victim's own machine").isEqualTo(victim);
    }

    @Test
    void checkLoginIsFalseForDisabledUsersAndOtherCompanies() {
        User disabled = new User("d", "d@example.com", StoredPassword.plain("d-pw"), Role.IPS_USER, Set.of("47"), true);
        UserDirectory withDisabled = new UserDirectory(List.of(new Company("47", "S"), new Company("48", "T")),
                List.of(attacker, disabled), clock);
        assertThat(withDisabled.checkLogin(attackerCaller, "47", "d@example.com", "d-pw")).isFalse();
        assertThat(withDisabled.checkLogin(attackerCaller, "48", attacker.email(), "attacker-pw")).isFalse();
        assertThat(withDisabled.checkLogin(attackerCaller, null, attacker.email(), "attacker-pw")).isTrue();
    }
}
