package org.ipsjobs.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing for one user without locking out anyone else: after
 * {@code freeFailures} failed logins in a row, the user's logins are refused for a lockout that
 * doubles with each further failure, up to a maximum. A success clears the count. Unknown user names
 * are counted too, so probing for users costs the same. Thread-safe.
 */
public final class LoginThrottle {

    // bounds the memory an attacker can make us spend by inventing user names
    private static final int MAX_TRACKED = 10_000;

    private record State(int failures, Instant lockedUntil) {
    }

    private final Clock clock;
    private final int freeFailures;
    private final Duration firstLockout;
    private final Duration maxLockout;
    private final ConcurrentMap<String, State> byUser = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int freeFailures, Duration firstLockout, Duration maxLockout) {
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.firstLockout = firstLockout;
        this.maxLockout = maxLockout;
    }

    /** Five free failures, then 1 s, 2 s, 4 s ... up to 5 minutes. */
    public static LoginThrottle standard(Clock clock) {
        return new LoginThrottle(clock, 5, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** How long the user must still wait, if locked out. */
    public Optional<Duration> lockedFor(String user) {
        State state = byUser.get(user);
        if (state == null || state.lockedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), state.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public void failed(String user) {
        if (byUser.size() >= MAX_TRACKED && !byUser.containsKey(user)) {
            Instant now = clock.instant();
            byUser.values().removeIf(s -> s.lockedUntil() == null || s.lockedUntil().isBefore(now));
        }
        byUser.compute(user, (u, state) -> {
            int failures = state == null ? 1 : state.failures() + 1;
            Instant lockedUntil = null;
            if (failures >= freeFailures) {
                int doublings = Math.min(failures - freeFailures, 30);
                Duration lockout = firstLockout.multipliedBy(1L << doublings);
                lockedUntil = clock.instant().plus(lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout);
            }
            return new State(failures, lockedUntil);
        });
    }

    public void succeeded(String user) {
        byUser.remove(user);
    }
}
