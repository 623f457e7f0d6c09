package org.ipsjobs.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The one clock of the service: everything that reads the time, and everything that waits for a time
 * (a schedule's next fire, a runner's pace, the expiry of finished jobs), goes through it, so moving it
 * moves all of them together.
 *
 * <p>It runs either on real time, optionally shifted by an offset, or frozen at an instant. Threads
 * that do the service's background work (workers, the scheduler, the sweeper) take part in
 * {@link #advance(Duration)}: it walks through every deadline they wait for, in order, moving the clock
 * to each and waiting until that work has settled before taking the next step, so a week of
 * schedules runs in order, dated at its virtual times, in milliseconds.
 *
 * <p>Thread-safe. Reads and the accounting of queued work never lock; waits and mode changes share one
 * monitor.
 */
public final class ServiceClock extends Clock {

    /** How the clock runs now. */
    public enum Mode { REAL, OFFSET, FROZEN }

    /** The clock's setting: frozen at an instant, or real time plus an offset (zero for real time). */
    private record Setting(Instant frozenAt, Duration offset) {
        Mode mode() {
            return frozenAt != null ? Mode.FROZEN : offset.isZero() ? Mode.REAL : Mode.OFFSET;
        }
    }

    /** One thread waiting in {@link #sleepUntil}. */
    private static final class Waiter {
        final Instant deadline;
        final boolean participant;
        // set when the waiter is made to look again (a step of advance, a wake-up), which then counts it
        // as busy on its behalf until it has looked: back to sleep, or off to work
        boolean woken;

        Waiter(Instant deadline, boolean participant) {
            this.deadline = deadline;
            this.participant = participant;
        }
    }

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final long LONGEST_REAL_WAIT_MILLIS = 60_000;
    private static final ThreadLocal<Boolean> PARTICIPANT = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Clock real;
    private final ZoneId zone;
    private final Object monitor = new Object();
    private volatile Setting setting;
    private final List<Waiter> waiters = new ArrayList<>(); // guarded by monitor
    // Participant threads at work, and work handed to them not taken up yet. Atomic rather than
    // guarded by the monitor: every submitted job changes them three times, on request and worker
    // threads, and taking the monitor for each made a convoy under load. Whoever lowers one tells the
    // monitor only when an advance waits for the work to settle (see busyChanged).
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger idleWorkers = new AtomicInteger(); // worker threads not in a piece of work
    private volatile int settling; // threads in awaitSettled; written under the monitor

    private ServiceClock(Clock real, ZoneId zone, Setting setting) {
        this.real = Objects.requireNonNull(real, "real");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.setting = setting;
    }

    /** A clock on real time. */
    public static ServiceClock system(ZoneId zone) {
        return new ServiceClock(Clock.systemUTC(), zone, new Setting(null, Duration.ZERO));
    }

    /** A clock frozen at the instant until it is advanced or set running. */
    public static ServiceClock frozen(Instant at, ZoneId zone) {
        return new ServiceClock(Clock.systemUTC(), zone, new Setting(at, Duration.ZERO));
    }

    /**
     * Now, to the millisecond (answers and logs carry milliseconds). Calls within one millisecond get
     * the same object: a run at full speed stamps many records in one millisecond, and a service holds
     * a million finished runs, so sharing their timestamps saves memory.
     */
    @Override
    public Instant instant() {
        Setting s = setting;
        if (s.frozenAt() != null) {
            return s.frozenAt();
        }
        long millis = real.millis() + s.offset().toMillis();
        Instant last = lastRead;
        if (last != null && last.toEpochMilli() == millis) {
            return last;
        }
        Instant now = Instant.ofEpochMilli(millis);
        lastRead = now;
        return now;
    }

    private volatile Instant lastRead;

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** This clock's time seen in another zone; waits and settings are shared with this clock. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return newZone.equals(zone) ? this : Clock.offset(this, Duration.ZERO).withZone(newZone);
    }

    public Mode mode() {
        return setting.mode();
    }

    /** The offset from real time; zero when real, the distance at the moment it was frozen when frozen. */
    public Duration offset() {
        Setting s = setting;
        return s.frozenAt() != null ? Duration.between(real.instant(), s.frozenAt()) : s.offset();
    }

    // ---------------------------------------------------------------- settings

    /** Stops the clock at the instant (which may be in the past or the future). */
    public void freezeAt(Instant at) {
        change(new Setting(Objects.requireNonNull(at, "at"), Duration.ZERO));
    }

    /** Lets the clock run on real time shifted by the offset. */
    public void runAtOffset(Duration offset) {
        change(new Setting(null, Objects.requireNonNull(offset, "offset")));
    }

    /** Lets the clock run on real time. */
    public void runReal() {
        change(new Setting(null, Duration.ZERO));
    }

    private void change(Setting next) {
        synchronized (monitor) {
            setting = next;
            wakeAll();
        }
    }

    /**
     * Moves the clock forward by the duration, in steps: to each deadline the service's background
     * threads wait for that falls within it, in order, waiting at each step until the work it set off
     * has settled. A frozen clock stays frozen at the end; a running one keeps running, shifted.
     *
     * @return how many steps were taken
     * @throws IllegalStateException when the work of a step does not settle within 30 s
     */
    public int advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only advances forward");
        }
        Instant target = instant().plus(by);
        int steps = 0;
        synchronized (monitor) {
            while (true) {
                awaitSettled();
                Optional<Instant> next = waiters.stream().filter(w -> w.participant && !w.woken).map(w -> w.deadline)
                        .min(Instant::compareTo);
                if (next.isEmpty() || next.get().isAfter(target)) {
                    break;
                }
                // a deadline already passed (the clock was set past it) is due now: the clock never goes back
                Instant now = instant();
                moveTo(next.get().isBefore(now) ? now : next.get());
                steps++;
            }
            moveTo(target);
            awaitSettled();
        }
        return steps;
    }

    /** Sets the time while keeping the mode, and counts the waiters it wakes as busy. Holds the monitor. */
    private void moveTo(Instant at) {
        Setting s = setting;
        setting = s.frozenAt() != null ? new Setting(at, Duration.ZERO)
                : new Setting(null, Duration.between(real.instant(), at));
        for (Waiter w : waiters) {
            if (w.participant && !w.woken && !w.deadline.isAfter(at)) {
                w.woken = true;
                busy.incrementAndGet();
            }
        }
        monitor.notifyAll();
    }

    /**
     * Settled: no participant is at work, and no queued work will be taken up without the clock
     * moving. Work queued while every worker waits for a time (a paced runner, say) only starts
     * once the clock reaches that time, so waiting for it here would wait forever.
     */
    private boolean settled() {
        return busy.get() == 0 && (queued.get() == 0 || idleWorkers.get() == 0);
    }

    /** Waits, holding the monitor, until the work has settled. */
    private void awaitSettled() {
        settling++;
        try {
            awaitSettledCounted();
        } finally {
            settling--;
        }
    }

    private void awaitSettledCounted() {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        // settling was raised before these reads, so whoever lowers a count after them sees it raised
        // and notifies; one that lowered it before is seen here
        while (!settled()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the service's work did not settle within " + SETTLE_TIMEOUT.toSeconds()
                        + " s (" + busy.get() + " busy, " + queued.get() + " queued, " + idleWorkers.get()
                        + " idle workers)");
            }
            try {
                monitor.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the clock advanced", e);
            }
        }
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Waits until the clock reads the deadline or later. Returns false early when {@code cancelled}
     * turns true, which is checked whenever the clock is woken ({@link #wakeUp()}).
     */
    public boolean sleepUntil(Instant deadline, BooleanSupplier cancelled) throws InterruptedException {
        boolean participant = PARTICIPANT.get();
        Waiter waiter = new Waiter(deadline, participant);
        synchronized (monitor) {
            waiters.add(waiter);
            if (participant) {
                busy.decrementAndGet();
                busyChanged();
            }
            try {
                while (true) {
                    if (cancelled.getAsBoolean()) {
                        return false;
                    }
                    Setting s = setting;
                    Instant now = instant();
                    if (!now.isBefore(deadline)) {
                        return true;
                    }
                    if (waiter.woken) {
                        waiter.woken = false; // looked, and sleeps on: not busy after all
                        busy.decrementAndGet();
                        busyChanged();
                    }
                    if (s.frozenAt() != null) {
                        monitor.wait();
                    } else {
                        monitor.wait(Math.max(1, Math.min(LONGEST_REAL_WAIT_MILLIS, Duration.between(now, deadline).toMillis())));
                    }
                }
            } finally {
                waiters.remove(waiter);
                if (participant && !waiter.woken) {
                    busy.incrementAndGet();
                }
            }
        }
    }

    /** Makes every waiter look at its cancel condition again (after a stop request, say). */
    public void wakeUp() {
        synchronized (monitor) {
            wakeAll();
        }
    }

    /** Holds the monitor. */
    private void wakeAll() {
        for (Waiter w : waiters) {
            if (w.participant && !w.woken) {
                w.woken = true;
                busy.incrementAndGet();
            }
        }
        monitor.notifyAll();
    }

    // ---------------------------------------------------------------- participants

    /**
     * Marks the calling thread as one of the service's background loops (the scheduler, the sweeper),
     * at work from now on: its waits are steps of {@link #advance}, and advance waits for its work to
     * settle.
     */
    public void participate() {
        if (!PARTICIPANT.get()) {
            PARTICIPANT.set(Boolean.TRUE);
            busy.incrementAndGet();
        }
    }

    /**
     * A worker thread was created (called by the thread that creates it, so the worker counts as idle
     * before it has even started): idle until it takes up queued work ({@link #workTaken}).
     */
    public void workerAdded() {
        idleWorkers.incrementAndGet();
    }

    /** A worker thread added with {@link #workerAdded()} ends; called when idle, on its own thread. */
    public void workerRemoved() {
        PARTICIPANT.set(Boolean.FALSE);
        idleWorkers.decrementAndGet();
        busyChanged();
    }

    /** Marks the calling thread as a worker: while at work, its waits are steps of {@link #advance}. */
    public void joinAsWorker() {
        PARTICIPANT.set(Boolean.TRUE);
    }

    /** The calling background thread is about to stop taking part (it ends, or idles without a deadline). */
    public void withdraw() {
        if (PARTICIPANT.get()) {
            PARTICIPANT.set(Boolean.FALSE);
            busy.decrementAndGet();
            busyChanged();
        }
    }

    /** Work was handed to a participant that has not taken it up yet (a job queued for a worker). */
    public void workQueued() {
        queued.incrementAndGet();
    }

    /** A participant took up queued work: it is busy with it from now on. */
    public void workTaken() {
        // busy first: an advance must never see the work neither queued nor busy
        busy.incrementAndGet();
        idleWorkers.decrementAndGet();
        queued.decrementAndGet();
    }

    /** A participant finished a piece of queued work. */
    public void workDone() {
        idleWorkers.incrementAndGet(); // idle first: queued work must never look as if no one could take it
        busy.decrementAndGet();
        busyChanged();
    }

    /** Queued work was dropped without being taken up (the pool shut down, say). */
    public void workDropped() {
        queued.decrementAndGet();
        busyChanged();
    }

    /**
     * Tells an advance waiting for the work to settle that it may have. Only then: sleepers wait for
     * their deadlines, not for this, and waking every sleeper each time a job finished cost a pair
     * of context switches per job. Called after lowering a count, with or without the monitor.
     */
    private void busyChanged() {
        if (settling > 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
