package org.ipsjobs.bench;

/**
 * What one wrk run measured (latencies in microseconds), as the soap.lua script prints it.
 */
public record WrkResult(long requests, long micros, long bytes, long connectErrors, long readErrors,
        long writeErrors, long statusErrors, long timeouts, long p50, long p90, long p99, long p999, long max,
        double mean) {

    public double requestsPerSecond() {
        return micros == 0 ? 0 : requests * 1e6 / micros;
    }

    public long errors() {
        return connectErrors + readErrors + writeErrors + statusErrors + timeouts;
    }
}
