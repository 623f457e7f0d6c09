package org.ipsjobs.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server for upload tests, on a free loopback port: files, error statuses, redirects,
 * answers that stall after their first bytes and answers larger than they say. Each answer is
 * registered under a path before a job asks for it.
 */
public final class FileServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    // released when the server closes, so stalled answers end with it
    private final CountDownLatch closing = new CountDownLatch(1);

    @FunctionalInterface
    private interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    public FileServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = answers.get(path);
            try (exchange) {
                if (answer == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    answer.send(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (a stopped job, a refused size): nothing to answer
            }
        });
        server.start();
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves the bytes at the path, with their length. */
    public FileServer file(String path, byte[] bytes) {
        answers.put(path, exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        });
        return this;
    }

    /** Answers the path with a status and no body. */
    public FileServer status(String path, int status) {
        answers.put(path, exchange -> exchange.sendResponseHeaders(status, -1));
        return this;
    }

    /** Redirects the path to a location. */
    public FileServer redirect(String path, String location) {
        answers.put(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        });
        return this;
    }

    /** Sends the first bytes of a longer file, then nothing until the server closes. */
    public FileServer stall(String path, int firstBytes, int declaredLength) {
        answers.put(path, exchange -> {
            exchange.sendResponseHeaders(200, declaredLength);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[firstBytes]);
            out.flush();
            closing.await(60, TimeUnit.SECONDS);
        });
        return this;
    }

    /** Streams this many bytes without saying how many (chunked), or saying so when {@code declared}. */
    public FileServer large(String path, long length, boolean declared) {
        answers.put(path, exchange -> {
            exchange.sendResponseHeaders(200, declared ? length : 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, length - sent));
            }
        });
        return this;
    }

    /** How often the path was asked for. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
