package org.ipsjobs.bench;

import jakarta.servlet.http.HttpServlet;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ipsjobs.server.ConnectionLimits;

/**
 * Jetty as IpsJobServer sets it up (the thread pool, the HTTP configuration and the connector's
 * limits are copied here, not shared, so the references stay independent of the service's wiring),
 * serving one servlet at {@code /scene7/services/*}, where the service has CXF's servlet. Used by the
 * bare CXF references so that they differ from the service only in what runs inside the servlet.
 */
final class BareJetty {

    private BareJetty() {
    }

    /** What sits between Jetty and the servlet context; the identity for a bare reference. */
    interface HandlerWrapping {
        Handler wrap(Handler context, Server jetty);
    }

    /** What the names of the request threads of the server on {@code port} start with. */
    static String threadNamePrefix(int port) {
        return "bare" + port + "-";
    }

    static Server start(String host, int port, ConnectionLimits limits, HttpServlet servlet,
            HandlerWrapping wrapping) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        // short: the interceptor table finds each server's threads by name in /proc, where the kernel
        // keeps only 15 characters of it (Jetty names them "<name>-<id>")
        threads.setName("bare" + port);
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(limits.acceptQueueSize());
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(limits.maxConnections(), jetty));

        ServletContextHandler context = new ServletContextHandler("/scene7");
        context.getServletHandler().setEnsureDefaultServlet(false);
        ServletHolder holder = new ServletHolder("cxf", servlet);
        holder.setInitParameter("hide-service-list-page", "true");
        context.addServlet(holder, "/services/*");
        jetty.setHandler(wrapping.wrap(context, jetty));
        jetty.start();
        return jetty;
    }
}
