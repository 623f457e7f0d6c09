package org.ipsjobs.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.ipsjobs.jobs.model.JobType;

/**
 * The fault rules a test has added. The first rule (in the order they were added) that matches a run
 * or a call applies, and uses one of its times; a rule whose times are used up is removed. Thread-safe.
 */
public final class FaultRules {

    private final Map<String, FaultRule> rules = new LinkedHashMap<>(); // guarded by this
    private final AtomicLong ids = new AtomicLong();

    /** Adds a rule and returns it with its id. */
    public synchronized FaultRule add(FaultMatch match, FaultEffect effect, Integer times) {
        FaultRule rule = new FaultRule("f" + ids.incrementAndGet(), match, effect, times);
        if (!rule.exhausted()) {
            rules.put(rule.id(), rule);
        }
        return rule;
    }

    public synchronized List<FaultRule> list() {
        return List.copyOf(rules.values());
    }

    /** Removes a rule; false when there is none with this id. */
    public synchronized boolean remove(String id) {
        return rules.remove(id) != null;
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** Whether any rule exists; cheap, for the hot path. */
    public synchronized boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The run effects that apply to a run of this job, each rule used once; at most one of each kind. */
    public synchronized List<FaultEffect> forRun(String company, String jobName, JobType type, String submitter) {
        List<FaultEffect> effects = new ArrayList<>();
        for (FaultRule rule : List.copyOf(rules.values())) {
            if (rule.effect().onRuns() && rule.match().matchesRun(company, jobName, type, submitter)
                    && effects.stream().noneMatch(e -> e.getClass() == rule.effect().getClass())) {
                effects.add(rule.effect());
                use(rule);
            }
        }
        return effects;
    }

    /** The call effect that applies to this call, if any; its rule is used once. */
    public synchronized Optional<FaultEffect> forCall(String operation, String user, String company, String jobName,
            JobType jobType) {
        for (FaultRule rule : List.copyOf(rules.values())) {
            if (!rule.effect().onRuns() && rule.match().matchesCall(operation, user, company, jobName, jobType)) {
                use(rule);
                return Optional.of(rule.effect());
            }
        }
        return Optional.empty();
    }

    private void use(FaultRule rule) {
        FaultRule used = rule.used();
        if (used.exhausted()) {
            rules.remove(rule.id());
        } else {
            rules.put(rule.id(), used);
        }
    }
}
