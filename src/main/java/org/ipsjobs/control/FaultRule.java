package org.ipsjobs.control;

import java.util.Objects;

/**
 * A fault a test asked for: what it matches, what it does, and how many more times it may apply.
 *
 * @param id the rule's id, given when it was added
 * @param match which runs or calls it applies to
 * @param effect what it does
 * @param remaining how many more times it applies; null for no limit
 */
public record FaultRule(String id, FaultMatch match, FaultEffect effect, Integer remaining) {

    public FaultRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(effect, "effect");
        if (remaining != null && remaining < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
    }

    FaultRule used() {
        return remaining == null ? this : new FaultRule(id, match, effect, remaining - 1);
    }

    boolean exhausted() {
        return remaining != null && remaining <= 0;
    }
}
