package org.ipsjobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobScheduler} on the {@link ServiceClock}: one thread waits on the clock for the earliest due
 * trigger and hands each fire to the {@link FireHandler}, so schedules follow the clock wherever it is
 * moved. Fire times come from Quartz's cron evaluation ({@link ScheduleExpression}), in the server's
 * zone.
 *
 * <p>Misfires follow Quartz's rules as the service used them: a recurring trigger that comes due more
 * than a minute late (the clock jumped, or it was paused) skips the fires it missed and waits for its
 * next one; a one-shot trigger fires as soon as it can. A one-shot trigger is gone once it fired.
 *
 * <p>Triggers are plain values changed under this object's lock, so a store-backed version (rows with
 * a next fire time, claimed by compare-and-set across nodes) can replace the map without changing the
 * interface.
 */
public final class ClockScheduler implements JobScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ClockScheduler.class);
    private static final Duration MISFIRE_THRESHOLD = Duration.ofMinutes(1);
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    /** One trigger: recurring when it has a schedule, else one-shot. */
    private record Trigger(String key, ScheduleExpression schedule, Instant nextFireTime, boolean paused) {
        Trigger withNext(Instant next) {
            return new Trigger(key, schedule, next, paused);
        }

        Trigger withPaused(boolean p) {
            return new Trigger(key, schedule, nextFireTime, p);
        }
    }

    private final FireHandler handler;
    private final ServiceClock clock;
    private final ZoneId zone;
    private final Map<String, Trigger> triggers = new HashMap<>(); // guarded by this
    private volatile boolean running;
    private volatile boolean changed;
    private Thread loop;

    public ClockScheduler(FireHandler handler, ServiceClock clock, ZoneId zone) {
        this.handler = handler;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        running = true;
        java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
        loop = new Thread(() -> run(joined), "ips-scheduler");
        loop.setDaemon(true);
        loop.start();
        awaitJoined(joined);
    }

    /** Waits until the loop takes part in the clock, so an advance right after start sees it. */
    static void awaitJoined(java.util.concurrent.CountDownLatch joined) {
        try {
            joined.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(java.util.concurrent.CountDownLatch joined) {
        clock.participate();
        joined.countDown();
        try {
            while (running) {
                changed = false;
                Instant next = nextDue();
                clock.sleepUntil(next, () -> changed || !running);
                if (running) {
                    fireDue();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clock.withdraw();
        }
    }

    private synchronized Instant nextDue() {
        return triggers.values().stream().filter(t -> !t.paused()).map(Trigger::nextFireTime)
                .min(Comparator.naturalOrder()).orElse(NEVER);
    }

    /** Fires, in order of their due times, the triggers due now. */
    private void fireDue() {
        Instant now = clock.instant();
        List<Trigger> due = new ArrayList<>();
        synchronized (this) {
            for (Trigger t : triggers.values()) {
                if (!t.paused() && !t.nextFireTime().isAfter(now)) {
                    due.add(t);
                }
            }
            due.sort(Comparator.comparing(Trigger::nextFireTime));
            for (Trigger t : due) {
                Instant following = t.schedule() == null ? null
                        : next(t.schedule(), t.nextFireTime().isBefore(now) ? now : t.nextFireTime());
                if (following == null) {
                    triggers.remove(t.key()); // one-shot, or a schedule with no fire left: complete
                } else {
                    triggers.put(t.key(), t.withNext(following));
                }
            }
        }
        for (Trigger t : due) {
            boolean late = Duration.between(t.nextFireTime(), now).compareTo(MISFIRE_THRESHOLD) > 0;
            if (late && t.schedule() != null) {
                LOG.info("schedule of {} missed its fire at {}; it fires next at {}", t.key(), t.nextFireTime(),
                        trigger(t.key()).map(TriggerInfo::nextFireTime).orElse(null));
                missed(t.key(), t.nextFireTime());
                continue;
            }
            fire(t.key(), late ? now : t.nextFireTime());
        }
    }

    private void fire(String key, Instant dueTime) {
        try {
            handler.fired(key, dueTime);
        } catch (RuntimeException e) {
            // a failing handler must not stop the other triggers; the fire is reported and dropped
            LOG.error("scheduled fire of {} failed", key, e);
        }
    }

    private void missed(String key, Instant dueTime) {
        try {
            handler.missed(key, dueTime);
        } catch (RuntimeException e) {
            LOG.error("handling the missed fire of {} failed", key, e);
        }
    }

    private Instant next(ScheduleExpression schedule, Instant after) {
        return schedule.nextFireAfter(after, zone).orElse(null);
    }

    @Override
    public void scheduleRecurring(String key, ScheduleExpression schedule) {
        Instant first = next(schedule, clock.instant());
        if (first == null) {
            throw new IllegalArgumentException("schedule '" + schedule.text() + "' never fires");
        }
        put(key, new Trigger(key, schedule, first, false));
    }

    @Override
    public void scheduleOnce(String key, Instant at) {
        put(key, new Trigger(key, null, at, false));
    }

    private void put(String key, Trigger trigger) {
        synchronized (this) {
            if (triggers.putIfAbsent(key, trigger) != null) {
                throw new IllegalStateException("a trigger is already scheduled under " + key);
            }
        }
        poke();
    }

    @Override
    public boolean pause(String key) {
        return update(key, t -> t.withPaused(true));
    }

    @Override
    public boolean resume(String key) {
        // fires missed while paused are skipped: a recurring trigger waits for its next fire from now on
        return update(key, t -> {
            Trigger resumed = t.withPaused(false);
            if (t.schedule() != null && t.nextFireTime().isBefore(clock.instant())) {
                Instant following = next(t.schedule(), clock.instant());
                resumed = resumed.withNext(following == null ? NEVER : following);
            }
            return resumed;
        });
    }

    private boolean update(String key, java.util.function.UnaryOperator<Trigger> change) {
        synchronized (this) {
            Trigger t = triggers.get(key);
            if (t == null) {
                return false;
            }
            triggers.put(key, change.apply(t));
        }
        poke();
        return true;
    }

    @Override
    public boolean fireNow(String key) {
        synchronized (this) {
            if (!triggers.containsKey(key)) {
                return false;
            }
        }
        fire(key, clock.instant());
        return true;
    }

    @Override
    public boolean remove(String key) {
        boolean removed;
        synchronized (this) {
            removed = triggers.remove(key) != null;
        }
        poke();
        return removed;
    }

    @Override
    public void clear() {
        synchronized (this) {
            triggers.clear();
        }
        poke();
    }

    @Override
    public synchronized Optional<TriggerInfo> trigger(String key) {
        Trigger t = triggers.get(key);
        if (t == null) {
            return Optional.empty();
        }
        return Optional.of(new TriggerInfo(t.nextFireTime(), t.paused() ? TriggerState.PAUSED : TriggerState.NORMAL, zone));
    }

    /** How many triggers are scheduled (for monitoring). */
    public synchronized int size() {
        return triggers.size();
    }

    /** Makes the loop look at the triggers again. */
    private void poke() {
        changed = true;
        clock.wakeUp();
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = loop;
        }
        clock.wakeUp();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
