package org.ipsjobs.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What clients may cost the server at the connection level, so that slow, stalled or numerous
 * clients cannot starve the others. Set in the {@code limits:} section of the configuration beside
 * the per-request limits.
 *
 * @param idleTimeout how long a connection may send and accept nothing before it is closed
 * @param minRequestDataRate the slowest a request body may arrive, in bytes per second, averaged
 *        from its first byte; a slower body is abandoned with a fault
 * @param maxConnections most connections open at once; past it the server stops accepting until
 *        one closes
 * @param maxBufferedRequestBytes most request-body bytes held in memory for all requests together
 *        while their bodies arrive
 * @param acceptQueueSize connections the operating system queues before the server accepts them
 */
public record ConnectionLimits(Duration idleTimeout, long minRequestDataRate, int maxConnections,
        long maxBufferedRequestBytes, int acceptQueueSize) {

    /** The smallest values that still serve ordinary IPS clients; smaller ones are refused. */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(1);
    public static final int MIN_CONNECTIONS = 16;
    public static final long MIN_BUFFERED_BYTES = 1024 * 1024;
    public static final int MIN_ACCEPT_QUEUE_SIZE = 1;

    public ConnectionLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException("idleTimeout must be at least " + MIN_IDLE_TIMEOUT.toSeconds() + "s");
        }
        if (minRequestDataRate < 0) {
            throw new IllegalArgumentException("minRequestDataRate must not be negative (0 turns the check off)");
        }
        if (maxConnections < MIN_CONNECTIONS) {
            throw new IllegalArgumentException("maxConnections must be at least " + MIN_CONNECTIONS);
        }
        if (maxBufferedRequestBytes < MIN_BUFFERED_BYTES) {
            throw new IllegalArgumentException("maxBufferedRequestBytes must be at least 1MB");
        }
        if (acceptQueueSize < MIN_ACCEPT_QUEUE_SIZE) {
            throw new IllegalArgumentException("acceptQueueSize must be at least " + MIN_ACCEPT_QUEUE_SIZE);
        }
    }

    /** 30 s idle, 1 KB/s, 2,000 connections, 256 MB of bodies in flight, a backlog of 1,024. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(Duration.ofSeconds(30), 1024, 2000, 256L * 1024 * 1024, 1024);
    }
}
