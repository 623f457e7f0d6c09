package org.ipsjobs.jobs.core;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.ipsjobs.control.RunEvents;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished runs once their linger time is over, on the service clock: it sleeps until the
 * next expiry (or until a run finishes), so a moved clock expires runs exactly when their time comes.
 * A job that nothing can trigger again is forgotten with its last run; its logs stay.
 */
public final class Sweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    private final JobStore store;
    private final JobScheduler scheduler;
    private final ServiceClock clock;
    private final LiveJobSettings settings;
    private final RunEvents events;
    private volatile boolean running;
    private volatile boolean changed;
    // the expiry the sweeper sleeps until; a run finishing now expires later nearly always, so needs no wake-up
    private volatile Instant sleepingUntil = Instant.MIN;
    private Thread thread;

    public Sweeper(JobStore store, JobScheduler scheduler, ServiceClock clock, LiveJobSettings settings,
            RunEvents events) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    public synchronized void start() {
        running = true;
        CountDownLatch joined = new CountDownLatch(1);
        thread = new Thread(() -> loop(joined), "ips-sweeper");
        thread.setDaemon(true);
        thread.start();
        try {
            joined.await(); // so an advance right after start sees the sweeper
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(CountDownLatch joined) {
        clock.participate();
        joined.countDown();
        try {
            while (running) {
                changed = false;
                sleepingUntil = NEVER; // a run finishing while the next expiry is worked out pokes
                Instant next = store.earliestDone().map(d -> d.plus(settings.get().doneLinger())).orElse(NEVER);
                sleepingUntil = next;
                clock.sleepUntil(next, () -> changed || !running);
                sleepingUntil = Instant.MIN;
                if (running) {
                    try {
                        sweep();
                    } catch (RuntimeException e) {
                        LOG.error("sweeping finished jobs failed", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clock.withdraw();
        }
    }

    /** Removes every finished run whose linger time is over. */
    public void sweep() {
        Instant now = clock.instant();
        for (RunRecord run : store.runsDoneBy(now.minus(settings.get().doneLinger()))) {
            if (store.deleteRun(run.handle(), run.version())) {
                events.record(RunEvents.Kind.EXPIRED, run.handle().value(), now, null);
                JobRecord job = store.job(run.handle().job().value()).orElse(null);
                if (job != null && store.runsOf(job.handle()).isEmpty()
                        && scheduler.trigger(job.handle().value()).isEmpty()) {
                    store.deleteJob(job.handle());
                }
            }
        }
    }

    /**
     * A run finished just now: the sweeper looks again only when that run expires before the expiry it
     * waits for. Waking it (and with it every thread that waits on the clock) for each finished run cost
     * two context switches per job.
     */
    public void runFinished() {
        Instant expiry = clock.instant().plus(settings.get().doneLinger());
        if (expiry.isBefore(sleepingUntil)) {
            poke();
        }
    }

    /** Something changed that may move the next expiry (the linger time, say): the sweeper looks again. */
    public void poke() {
        changed = true;
        clock.wakeUp();
    }

    @Override
    public void close() {
        running = false;
        clock.wakeUp();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
