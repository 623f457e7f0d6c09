package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingConsoleAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private BatchingConsoleAppender appender;

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private Logger logger(String name, int queueSize, long flushMillis, OutputStream target) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        appender = new BatchingConsoleAppender();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.setQueueSize(queueSize);
        appender.setFlushMillis(flushMillis);
        appender.setTarget(new PrintStream(target, true, StandardCharsets.UTF_8));
        appender.start();
        Logger logger = context.getLogger("test");
        logger.addAppender(appender);
        return logger;
    }

    private List<String> lines() {
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Waits until the writer thread has found the queue empty and sleeps, so what is logged next stays queued. */
    private static void awaitWriterAsleep(String name) {
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("log-writer-" + name) && t.getState() == Thread.State.TIMED_WAITING));
    }

    @Test
    void linesAppearInTheOrderTheyWereLoggedWithoutAnyoneFlushing() {
        Logger logger = logger("order", 1000, 20, written);
        for (int i = 0; i < 500; i++) {
            logger.info("line {}", i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> lines().size() == 500);
        List<String> lines = lines();
        for (int i = 0; i < 500; i++) {
            assertThat(lines.get(i)).isEqualTo("INFO line " + i);
        }
    }

    @Test
    void stoppingWritesWhatIsStillQueued() {
        Logger logger = logger("stop", 1000, TimeUnit.MINUTES.toMillis(10), written);
        awaitWriterAsleep("stop");
        logger.warn("first");
        logger.error("second");
        assertThat(lines()).isEmpty(); // the writer sleeps for ten minutes

        context.stop();

        assertThat(lines()).containsExactly("WARN first", "ERROR second");
    }

    @Test
    void aFullQueueDropsLinesAndTheNextBatchSaysHowMany() {
        Logger logger = logger("full", 2, TimeUnit.MINUTES.toMillis(10), written);
        awaitWriterAsleep("full");
        for (int i = 0; i < 5; i++) {
            logger.info("line {}", i);
        }

        context.stop();

        assertThat(lines()).containsExactly("log queue full: 3 line(s) dropped", "INFO line 0", "INFO line 1");
    }

    @Test
    void aStalledReaderOfStandardOutputDoesNotStallTheThreadsThatLog() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    released.await(); // a pipe nobody reads
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (written) {
                    written.write(b, off, len);
                }
            }
        };
        Logger logger = logger("stalled", 100, 1, stalled);
        logger.info("blocks the writer");
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("log-writer-stalled") && t.getState() == Thread.State.WAITING));

        Thread logging = new Thread(() -> {
            for (int i = 0; i < 10_000; i++) {
                logger.info("line {}", i);
            }
        });
        logging.start();
        logging.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(logging.isAlive()).as("the logging thread finished while standard output was stalled").isFalse();

        released.countDown();
        context.stop();
        // the first line, the 100 the queue held, and the count of those it could not hold
        assertThat(lines()).hasSize(102).contains("log queue full: 9900 line(s) dropped");
    }
}
