package org.ipsjobs.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The transport ceiling of the benchmarks: the same Jetty, thread pool and connector settings as
 * the service, answering with canned response bytes and no CXF at all. It reads each request body
 * in full and picks the answer the way the WireMock stubs do, by SOAPAction and one string the body
 * must contain.
 * Usage: {@code CannedResponseServer PORT ACTION|CONTAINS|FILE ...} (CONTAINS may be empty).
 */
public final class CannedResponseServer {

    private record Rule(String action, String contains, byte[] response) {
    }

    private CannedResponseServer() {
    }

    public static void main(String[] args) throws Exception {
        List<Rule> rules = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split("\\|", 3);
            rules.add(new Rule(parts[0], parts[1], Files.readAllBytes(Path.of(parts[2]))));
        }
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("canned-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String action = request.getHeaders().get("SOAPAction");
                String body = StandardCharsets.ISO_8859_1.decode(Content.Source.asByteBuffer(request)).toString();
                for (Rule rule : rules) {
                    if (action != null && action.contains(rule.action()) && body.contains(rule.contains())) {
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml;charset=utf-8");
                        response.write(true, ByteBuffer.wrap(rule.response()), callback);
                        return true;
                    }
                }
                response.setStatus(404);
                callback.succeeded();
                return true;
            }
        });
        jetty.start();
        System.out.println("canned response server ready on port " + connector.getLocalPort());
        jetty.join();
    }
}
