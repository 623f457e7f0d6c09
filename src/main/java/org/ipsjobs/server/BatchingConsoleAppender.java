package org.ipsjobs.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log lines to standard output from one writer thread, in batches: the thread that logs only
 * puts the event on a lock-free queue and never wakes anyone, and the writer takes whatever has
 * gathered every {@code flushMillis} (50 by default) and writes it with one write and one flush.
 *
 * <p>Why not logback's AsyncAppender in front of a ConsoleAppender: its blocking queue wakes the
 * worker for almost every event when requests come one after another, and measured on the benchmark
 * (getActiveJobs by handle, 8 connections) that wake-up and the worker's sleep cost about 7% of the
 * service's CPU, more than formatting and writing the line. A line here appears at most about
 * {@code flushMillis} after it was logged.
 *
 * <p>Like AsyncAppender with {@code neverBlock}, a full queue drops events rather than stall the
 * caller (a stalled reader of standard output must not stall requests); the next batch says how many
 * were dropped. {@link #stop()} writes what is still queued.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private long flushMillis = 50;
    private PrintStream target;
    private volatile Thread writer;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** Most events held before new ones are dropped. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** How long the writer waits between batches. */
    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    /** Where lines go instead of {@code System.out} (tests). */
    void setTarget(PrintStream target) {
        this.target = target;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder set for the appender named \"" + name + "\"");
            return;
        }
        if (queueSize < 1 || flushMillis < 1) {
            addError("queueSize and flushMillis must be positive");
            return;
        }
        Thread thread = new Thread(this::writeUntilStopped, "log-writer-" + name);
        thread.setDaemon(true);
        writer = thread;
        super.start();
        thread.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // the message, thread name and MDC are read now, on the caller's thread
        event.prepareForDeferredProcessing();
        if (queued.incrementAndGet() > queueSize) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(event);
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        Thread thread = writer;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeQueued(); // in case the writer could not finish in time
    }

    private void writeUntilStopped() {
        long pause = TimeUnit.MILLISECONDS.toNanos(flushMillis);
        while (isStarted()) {
            writeQueued();
            // one write per pause, unless the queue is half full: then at once, before lines get dropped
            if (queued.get() < queueSize / 2) {
                LockSupport.parkNanos(this, pause);
            }
        }
        writeQueued();
    }

    /** Writes every queued event as one batch. */
    private synchronized void writeQueued() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            byte[] line = ("log queue full: " + lost + " line(s) dropped" + System.lineSeparator())
                    .getBytes(StandardCharsets.UTF_8);
            batch.write(line, 0, line.length);
        }
        ILoggingEvent event;
        while ((event = queue.poll()) != null) {
            queued.decrementAndGet();
            try {
                batch.writeBytes(encoder.encode(event));
            } catch (RuntimeException e) {
                addError("could not format a log event", e);
            }
            if (batch.size() >= 256 * 1024) {
                flushBatch();
            }
        }
        if (batch.size() > 0) {
            flushBatch();
        }
    }

    private void flushBatch() {
        PrintStream out = target != null ? target : System.out;
        try {
            batch.writeTo(out);
        } catch (java.io.IOException e) {
            addError("could not write log lines", e); // PrintStream does not throw; kept for the signature
        }
        out.flush();
        batch.reset();
    }
}
