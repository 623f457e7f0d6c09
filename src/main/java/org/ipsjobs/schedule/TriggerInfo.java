package org.ipsjobs.schedule;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What the scheduler currently knows of one job's trigger.
 *
 * @param nextFireTime when it fires next, or null when it will not fire again
 * @param state its trigger state
 * @param zone the time zone its schedule is evaluated in
 */
public record TriggerInfo(Instant nextFireTime, TriggerState state, ZoneId zone) {
}
