package org.ipsjobs.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of worker threads that run queued jobs in the order they were queued. The queue is
 * unbounded (a queued job costs only its run record); the thread count bounds how many run at once.
 * Its threads take part in the service clock, so advancing the clock waits for the jobs it set off.
 */
public final class WorkerPool implements Executor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final ServiceClock clock;
    private final ThreadPoolExecutor threads;

    public WorkerPool(int size, ServiceClock clock) {
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            clock.workerAdded();
            Thread t = new Thread(() -> {
                clock.joinAsWorker();
                try {
                    r.run();
                } finally {
                    clock.workerRemoved();
                }
            }, "ips-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> LOG.error("worker {} died", thread.getName(), e));
            return t;
        };
        this.threads = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                clock.workTaken();
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                clock.workDone();
            }
        };
    }

    @Override
    public void execute(Runnable command) {
        clock.workQueued();
        try {
            threads.execute(command);
        } catch (RejectedExecutionException e) {
            clock.workDropped();
            throw e;
        }
    }

    /**
     * Changes how many jobs run at once. Growing takes effect at once; shrinking as running jobs end.
     */
    public synchronized void resize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one worker is needed");
        }
        if (size > threads.getMaximumPoolSize()) {
            threads.setMaximumPoolSize(size);
            threads.setCorePoolSize(size);
        } else {
            threads.setCorePoolSize(size);
            threads.setMaximumPoolSize(size);
        }
    }

    /** How many runs wait for a worker now. */
    public int queued() {
        return threads.getQueue().size();
    }

    /** How many workers are running a job now. */
    public int busy() {
        return threads.getActiveCount();
    }

    /** How many jobs run at once. */
    public int size() {
        return threads.getCorePoolSize();
    }

    /**
     * Lets the jobs running now end (they are expected to have been asked to stop) and waits up to
     * 5 s for them; then interrupts what is left.
     */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("some jobs did not end within 5 s of shutdown; interrupting them");
                drop(threads.shutdownNow());
                threads.awaitTermination(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            drop(threads.shutdownNow());
            Thread.currentThread().interrupt();
        }
    }

    private void drop(List<Runnable> neverRun) {
        neverRun.forEach(r -> clock.workDropped());
    }
}
