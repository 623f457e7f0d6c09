package org.ipsjobs.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Time-based triggering of jobs, keyed by an opaque string (the job handle).
 *
 * <p>The scheduler only decides <em>when</em>; what a fire means is up to the {@link FireHandler}
 * given at construction. Methods that name a key return false when nothing is scheduled under it.
 * Implementations are thread-safe.
 */
public interface JobScheduler extends AutoCloseable {

    /** Starts firing triggers. */
    void start();

    /** Schedules a recurring trigger; the key must not be in use. */
    void scheduleRecurring(String key, ScheduleExpression schedule);

    /** Schedules a single fire at the given instant (at once if it has passed). */
    void scheduleOnce(String key, Instant at);

    /** Holds the trigger: it stops firing until resumed. */
    boolean pause(String key);

    /** Releases a held trigger; fires missed while paused are handled by the trigger's misfire rule. */
    boolean resume(String key);

    /** Fires the job now, once, leaving its trigger as it was. */
    boolean fireNow(String key);

    /** Removes the trigger for good. */
    boolean remove(String key);

    /** Removes every trigger (a reset of the whole service). */
    void clear();

    /** The trigger's next fire time and state, or empty when nothing is scheduled under the key. */
    Optional<TriggerInfo> trigger(String key);

    /** Stops firing and releases the scheduler's threads. */
    @Override
    void close();
}
