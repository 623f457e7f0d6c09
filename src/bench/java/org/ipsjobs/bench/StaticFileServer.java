package org.ipsjobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The file server the upload benchmark fetches from, in a JVM of its own so that its work does not
 * share a heap or a JIT with the service: the JDK's {@code com.sun.net.httpserver} on loopback,
 * answering GET with a file under the root folder (with its Content-Length, keep-alive) or 404.
 * The service and curl fetch from the same server, so whatever it costs, it costs both.
 *
 * <p>Usage: {@code StaticFileServer PORT ROOT}.
 */
public final class StaticFileServer {

    private static final int COPY_BUFFER = 256 * 1024;

    private StaticFileServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> answer(exchange, root));
        server.start();
        System.out.println("file server on 127.0.0.1:" + port + " serving " + root);
    }

    private static void answer(HttpExchange exchange, Path root) throws IOException {
        try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().replaceFirst("^/+", "")).normalize();
            if (!"GET".equals(exchange.getRequestMethod()) || !file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, Files.size(file));
            // a large buffer: fewer, bigger socket writes for the 20 MB files
            byte[] buffer = new byte[COPY_BUFFER];
            try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
            }
        }
    }
}
