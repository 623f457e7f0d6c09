package org.ipsjobs.jobs;

import java.time.Instant;

import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished runs once their linger time is over, on the service clock: it sleeps until the
 * next expiry (or until a run finishes), so a moved clock expires runs exactly when their time comes.
 */
public final class Sweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    private final JobCoordinator jobs;
    private final ServiceClock clock;
    private volatile boolean running;
    private volatile boolean changed;
    private Thread thread;

    public Sweeper(JobCoordinator jobs, ServiceClock clock) {
        this.jobs = jobs;
        this.clock = clock;
        jobs.onRunFinished(this::poke);
    }

    public synchronized void start() {
        running = true;
        java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
        thread = new Thread(() -> loop(joined), "ips-sweeper");
        thread.setDaemon(true);
        thread.start();
        try {
            joined.await(); // so an advance right after start sees the sweeper
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(java.util.concurrent.CountDownLatch joined) {
        clock.participate();
        joined.countDown();
        try {
            while (running) {
                changed = false;
                clock.sleepUntil(jobs.nextExpiry().orElse(NEVER), () -> changed || !running);
                if (running) {
                    try {
                        jobs.sweep();
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

    /** A run finished: its expiry may be the next one. */
    void poke() {
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
