package org.ipsjobs.server;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a call, so the server can stop in order and exit with status 0
 * instead of being torn down by the JVM's own shutdown (which exits with 143 for SIGTERM). Uses the
 * JDK's signal API from jdk.unsupported; where it is missing, the shutdown hook alone stops the server.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    static void install(Runnable onStop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> onStop.run());
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                LOG.debug("cannot handle SIG{}: {}", name, e.toString());
            }
        }
    }

    /** Writes out log lines still queued for the asynchronous appender before the process exits. */
    static void flushLogs() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }
}
