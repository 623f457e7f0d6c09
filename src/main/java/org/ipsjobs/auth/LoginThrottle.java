package org.ipsjobs.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing: after {@code freeFailures} failed attempts in a row under one key,
 * attempts under that key are refused for a lockout that doubles with each further failure, up to a
 * maximum. Every failure counts, including those made while locked out, so hammering only prolongs
 * the lockout. A success clears the key.
 *
 * <p>The key decides who suffers a lockout, so callers choose it so that an attacker can only lock
 * out themselves: logins are keyed by user name and client address (someone guessing a victim's
 * password from one machine does not stop the victim logging in from another), and checkLogin calls
 * by the calling user and the user checked. Thread-safe.
 */
public final class LoginThrottle {

    // bounds the memory an attacker can make us spend by inventing keys
    private static final int MAX_TRACKED = 10_000;

    private record State(int failures, Instant lockedUntil) {
    }

    private final Clock clock;
    private final int freeFailures;
    private final Duration firstLockout;
    private final Duration maxLockout;
    private final ConcurrentMap<String, State> byKey = new ConcurrentHashMap<>();

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

    /** How long attempts under the key must still wait, if locked out. */
    public Optional<Duration> lockedFor(String key) {
        State state = byKey.get(key);
        if (state == null || state.lockedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), state.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /**
     * Counts a failed attempt under the key.
     *
     * @return true when this failure locked the key out (it was not locked out just before)
     */
    public boolean failed(String key) {
        Instant now = clock.instant();
        if (byKey.size() >= MAX_TRACKED && !byKey.containsKey(key)) {
            byKey.values().removeIf(s -> s.lockedUntil() == null || s.lockedUntil().isBefore(now));
        }
        State before = byKey.get(key);
        boolean wasLocked = before != null && before.lockedUntil() != null && before.lockedUntil().isAfter(now);
        State after = byKey.compute(key, (k, state) -> {
            int failures = state == null ? 1 : state.failures() + 1;
            Instant lockedUntil = null;
            if (failures >= freeFailures) {
                int doublings = Math.min(failures - freeFailures, 30);
                Duration lockout = firstLockout.multipliedBy(1L << doublings);
                lockedUntil = now.plus(lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout);
            }
            return new State(failures, lockedUntil);
        });
        return !wasLocked && after.lockedUntil() != null;
    }

    /** Clears the key after a successful attempt. */
    public void succeeded(String key) {
        byKey.remove(key);
    }

    /** Whole seconds to tell someone to wait, rounded up, so they never come back too early. */
    public static long secondsToWait(Duration left) {
        long seconds = left.toSeconds();
        return left.minusSeconds(seconds).isZero() ? Math.max(1, seconds) : seconds + 1;
    }
}
