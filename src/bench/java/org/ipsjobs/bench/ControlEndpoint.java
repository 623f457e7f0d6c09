package org.ipsjobs.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import javax.management.ObjectName;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP side door of a benchmark server, on its own loopback port, for the harness only:
 * whether preloading is done, store counts, growing the store, and a class histogram of the live
 * heap. Never part of what is measured.
 */
final class ControlEndpoint implements AutoCloseable {

    private final HttpServer http;
    private final Map<String, Handler> handlers = new HashMap<>();

    interface Handler {
        String answer(Map<String, String> query) throws Exception;
    }

    ControlEndpoint(int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-control");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/", this::handle);
        on("histogram", q -> liveHeapHistogram());
    }

    ControlEndpoint on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    ControlEndpoint on(String path, Callable<String> answer) {
        return on(path, q -> answer.call());
    }

    void start() {
        http.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Handler handler = handlers.get(uri.getPath().substring(1));
        int status = 200;
        String body;
        if (handler == null) {
            status = 404;
            body = "no such command";
        } else {
            try {
                body = handler.answer(query(uri));
                if (body == null) {
                    status = 503;
                    body = "not yet";
                }
            } catch (Exception e) {
                status = 500;
                body = e.toString();
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int eq = pair.indexOf('=');
                q.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return q;
    }

    /** The live objects by class, after a full collection (what {@code jcmd GC.class_histogram} prints). */
    static String liveHeapHistogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
