package org.ipsjobs.dashboard;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Server-sent events for the live views. Each stream renders its view a few times a second on its own
 * request thread and sends it only when it changed, so an idle page costs a render and no traffic,
 * and a page never polls. Streams are capped in number and in length (the browser's EventSource
 * reconnects by itself), and a stalled reader is cut off by the connector's idle timeout, so watchers
 * cannot hold the server's threads.
 */
final class LiveUpdates {

    private final int maxStreams;
    private final Duration interval;
    private final Duration maxLength;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    LiveUpdates(int maxStreams, Duration interval, Duration maxLength) {
        this.maxStreams = maxStreams;
        this.interval = interval;
        this.maxLength = maxLength;
    }

    /** A short fingerprint of a rendering, which the page carries so a stream need not resend what it shows. */
    static String fingerprint(String rendering) {
        return Integer.toHexString(rendering.replace("\r", "").hashCode());
    }

    /** @param shown the fingerprint of what the page already shows, or null */
    void stream(HttpServletRequest request, HttpServletResponse response, Supplier<String> render, String shown)
            throws IOException {
        if (closed || open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            response.setStatus(503);
            response.setHeader("Retry-After", "5");
            response.setContentType("text/plain");
            response.getWriter().write("Too many live views are open; this page will retry.\n");
            return;
        }
        try {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Accel-Buffering", "no");
            PrintWriter out = response.getWriter();
            out.write("retry: 1000\n\n");
            out.flush();
            String last = shown;
            long rounds = maxLength.toMillis() / Math.max(1, interval.toMillis());
            for (long i = 0; i < rounds && !closed; i++) {
                String now = render.get().replace("\r", ""); // a CR would end an event line early
                String print = fingerprint(now);
                if (!print.equals(last)) {
                    out.write("event: update\n");
                    for (String line : now.split("\n", -1)) {
                        out.write("data: ");
                        out.write(line);
                        out.write('\n');
                    }
                    out.write('\n');
                    last = print;
                } else if (i % 40 == 39) {
                    out.write(": still here\n\n"); // a comment keeps proxies from closing a quiet stream
                }
                out.flush();
                if (out.checkError()) {
                    return; // the viewer went away
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }

    void close() {
        closed = true;
    }
}
