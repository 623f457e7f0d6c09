package org.ipsjobs.run;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of worker threads that run queued jobs in the order they were queued. The queue is
 * unbounded (a queued job costs only its run record); the thread count bounds how many run at once.
 */
public final class WorkerPool implements Executor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final ExecutorService threads;

    public WorkerPool(int size) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "ips-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> LOG.error("worker {} died", thread.getName(), e));
            return t;
        };
        this.threads = Executors.newFixedThreadPool(size, factory);
    }

    @Override
    public void execute(Runnable command) {
        threads.execute(command);
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
                threads.shutdownNow();
                threads.awaitTermination(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
