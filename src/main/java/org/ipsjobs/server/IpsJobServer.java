package org.ipsjobs.server;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;

import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import org.apache.cxf.Bus;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ipsjobs.admin.AdminServlet;
import org.ipsjobs.dashboard.DashboardServlet;
import org.ipsjobs.metrics.LabelValues;
import org.ipsjobs.metrics.MetricsServlet;
import org.ipsjobs.metrics.RequestMetrics;
import org.ipsjobs.soap.ApiNamespaces;
import org.ipsjobs.soap.ApiVersion;
import org.ipsjobs.time.ServiceClock;
import org.ipsjobs.soap.ApiVersions;
import org.ipsjobs.soap.CxfWorkarounds;
import org.ipsjobs.soap.IpsApiPublisher;
import org.ipsjobs.soap.ExportDownloadServlet;
import org.ipsjobs.soap.PlainXmlServlet;
import org.ipsjobs.soap.UploadFileServlet;
import org.ipsjobs.run.WorkSettings;
import org.ipsjobs.soap.WsdlQueryFilter;
import org.ipsjobs.soap.WsdlServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: wires the parts together, serves them on Jetty, and takes them down again.
 * Jetty hosts CXF's servlet at {@code /scene7/services/*} and the contract at
 * {@code /scene7/webservice/*}.
 */
public final class IpsJobServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IpsJobServer.class);
    public static final String CONTEXT_PATH = "/scene7";
    /** The plain-XML API (AEM's Scene7 client classes) below the context path. */
    public static final String PLAIN_XML_PATH = "/api/IpsApiService";
    /** Where the admin API is served (not under /scene7: it is not part of IPS). */
    public static final String ADMIN_PATH = "/__admin";
    /** Where Prometheus scrapes the metrics. */
    public static final String METRICS_PATH = "/metrics";

    private final Server jetty;
    private final Bus bus;
    private final ServiceComponents components;
    private final DashboardServlet dashboard; // null when the admin API, and so the dashboard, is off
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private IpsJobServer(Server jetty, Bus bus, ServiceComponents components, DashboardServlet dashboard) {
        this.dashboard = dashboard;
        this.jetty = jetty;
        this.bus = bus;
        this.components = components;
    }

    /** Builds the service from its settings and starts listening. */
    public static IpsJobServer start(ServiceSettings settings, ServiceClock clock) throws Exception {
        return start(settings, ServiceComponents.builder(settings).clock(clock).build());
    }

    /**
     * Serves the given components (built from the same settings) and starts listening.
     *
     * @throws CannotListenException when the port cannot be opened (taken, or the host is not this machine's)
     */
    public static IpsJobServer start(ServiceSettings settings, ServiceComponents components) throws Exception {
        AdminSettings admin = settings.admin();
        if (admin.enabled() && admin.token() == null && !isLoopback(settings.host())) {
            throw new ConfigException("the admin API (/__admin) can reset and change everything, and the server listens"
                    + " on " + settings.host() + ", beyond this machine: set admin.token (or the "
                    + AdminSettings.TOKEN_VARIABLE + " environment variable), or turn it off with admin.enabled: false");
        }
        Bus bus = CxfWorkarounds.newBus(IpsJobServer.class.getClassLoader());

        // the queue needs no bound of its own: a request is queued only once its whole body is in (see
        // RequestGate), and a connection has at most one request at a time, so maxConnections bounds it
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("ips-http");
        Server jetty = new Server(threads);
        ConnectionLimits limits = settings.connections();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setName("http"); // the connector label of the Jetty metrics
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(limits.acceptQueueSize());
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(limits.maxConnections(), jetty));

        ServletContextHandler context = new ServletContextHandler(CONTEXT_PATH);
        // no default servlet: a path nothing serves is 404, not a static-file servlet's 405
        context.getServletHandler().setEnsureDefaultServlet(false);
        CxfServlet cxf = new CxfServlet(bus);
        ServletHolder cxfHolder = new ServletHolder("cxf", cxf);
        cxfHolder.setInitParameter("hide-service-list-page", "true");
        context.addServlet(cxfHolder, "/services/*");
        context.addServlet(new ServletHolder("plain-xml", new PlainXmlServlet(cxf, "/services", IpsApiPublisher.ADDRESS)),
                "/api/*");
        ApiVersions versions = ApiVersions.load();
        RequestMetrics requestMetrics = new RequestMetrics(components.metrics().registry(), new LabelValues(
                versions.all().stream().map(ApiVersion::id).collect(java.util.stream.Collectors.toSet()),
                IpsApiPublisher.operationNames()));
        context.addServlet(new ServletHolder("wsdl", new WsdlServlet(versions, settings.publicUrl())), "/webservice/*");
        WorkSettings work = settings.work();
        ServletHolder upload = new ServletHolder("upload-file", new UploadFileServlet(components.service(),
                components.directory(), versions, new UploadFileServlet.Limits(work.maxFilesPerPost() + 2,
                        work.fetch().maxBytes(), work.maxPostBytes()), requestMetrics));
        // parts larger than 64 KB go to disk while the request is read; limits refuse the rest
        upload.getRegistration().setMultipartConfig(new MultipartConfigElement(uploadTemp().toString(),
                work.fetch().maxBytes(), work.maxPostBytes(), 64 * 1024));
        context.addServlet(upload, "/UploadFile");
        context.addServlet(new ServletHolder("export", new ExportDownloadServlet(components.service(),
                components.directory())), "/export/*");
        // bounds the parts of a multipart body (the container counts them as form keys)
        context.setMaxFormKeys(work.maxFilesPerPost() + 2);
        context.addFilter(new FilterHolder(new WsdlQueryFilter("/webservice/" + versions.canonical().wsdlName())),
                "/services/*", EnumSet.of(DispatcherType.REQUEST));
        ServletContextHandler metricsContext = new ServletContextHandler(METRICS_PATH);
        metricsContext.getServletHandler().setEnsureDefaultServlet(false);
        metricsContext.setAllowNullPathInContext(true); // /metrics itself, not a redirect to /metrics/
        metricsContext.addServlet(new ServletHolder("metrics", new MetricsServlet(components.metrics(), admin.token())),
                "/*");
        ContextHandlerCollection contexts = new ContextHandlerCollection(context, metricsContext);
        DashboardServlet dashboard = null;
        if (admin.enabled()) {
            ServletContextHandler adminContext = new ServletContextHandler(ADMIN_PATH);
            adminContext.getServletHandler().setEnsureDefaultServlet(false);
            adminContext.addServlet(new ServletHolder("admin", new AdminServlet(new AdminServlet.Setting(
                    components.control(), components.faults(), components.journal(), components::reset,
                    Version.current(), admin.token()))), "/*");
            contexts.addHandler(adminContext);
            ServletContextHandler dashboardContext = new ServletContextHandler(DashboardServlet.PATH);
            dashboardContext.getServletHandler().setEnsureDefaultServlet(false);
            dashboardContext.setMaxFormContentSize(10 * 1024 * 1024); // a pasted seed document
            dashboard = new DashboardServlet(new DashboardServlet.Setting(components.service(),
                    components.directory(), components.control(), components.faults(), components.journal(),
                    components::reset, settings.jobs().zone(), settings.jobs().serverName(), Version.current(),
                    admin.token()));
            dashboardContext.addServlet(new ServletHolder("dashboard", dashboard), "/*");
            contexts.addHandler(dashboardContext);
        }
        // shutdown lets requests in flight finish; the gate reads whole bodies before a thread is spent on them
        RequestGate gate = new RequestGate(contexts, List.of(
                new RequestGate.Entry(CONTEXT_PATH + "/services/", CONTEXT_PATH + "/services" + IpsApiPublisher.ADDRESS, true),
                new RequestGate.Entry(CONTEXT_PATH + "/api/", CONTEXT_PATH + PLAIN_XML_PATH, false)),
                settings.limits().maxRequestBytes(), limits.minRequestDataRate(), limits.maxBufferedRequestBytes());
        GracefulHandler graceful = new GracefulHandler(gate);
        jetty.setHandler(graceful);
        jetty.setStopTimeout(settings.shutdownGrace().toMillis());
        new JettyServerThreadPoolMetrics(threads, List.of()).bindTo(components.metrics().registry());
        JettyConnectionMetrics.addToAllConnectors(jetty, components.metrics().registry());

        IpsJobServer server = new IpsJobServer(jetty, bus, components, dashboard);
        try {
            // published before Jetty accepts connections, so nobody can fetch the WSDL of an endpoint
            // that is not there yet
            IpsApiPublisher.Steering steering = new IpsApiPublisher.Steering(components.faults(), components.journal(),
                    components.clock(), requestMetrics);
            org.apache.cxf.endpoint.Server endpoint = components.endpointOverride() == null
                    ? IpsApiPublisher.publish(bus, components.service(), components.directory(), settings.jobs().zone(),
                            settings.jobs().serverName(), settings.limits(), versions, steering,
                            settings.answerCacheBytes())
                    : IpsApiPublisher.publish(bus, components.endpointOverride(), components.directory(),
                            settings.limits(), versions, steering);
            endpoint.getEndpoint().getInInterceptors().addAll(components.inInterceptors());
            endpoint.getEndpoint().getOutInterceptors().addAll(components.outInterceptors());
            jetty.start();
            components.start();
        } catch (Exception e) {
            server.close();
            CannotListenException cannotListen = CannotListenException.from(settings.host(), settings.port(), e);
            if (cannotListen != null) {
                throw cannotListen;
            }
            throw e;
        }
        LOG.info("IPS Job Service listening on {}", server.endpoint());
        return server;
    }

    /** Where the container keeps posted file parts while a request is read. */
    private static java.nio.file.Path uploadTemp() throws java.io.IOException {
        return java.nio.file.Files.createTempDirectory("ips-upload-");
    }

    /** The port the server listens on (useful when it was started on port 0). */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The SOAP endpoint's address. */
    public URI endpoint() {
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + CONTEXT_PATH + "/services" + IpsApiPublisher.ADDRESS);
    }

    /** The address of the canonical version's WSDL. */
    public URI wsdl() {
        return endpoint().resolve(CONTEXT_PATH + "/webservice/IpsApi-" + ApiNamespaces.CANONICAL_VERSION + ".wsdl");
    }

    /** The parts behind the entry points, for monitoring and tests. */
    public ServiceComponents components() {
        return components;
    }

    /**
     * Stops the service in order: no new connections or requests, requests in flight finish (for at
     * most the configured shutdown grace), schedules stop firing, every queued or running job is
     * stopped with a log line saying why, and the workers wind down. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (dashboard != null) {
            dashboard.close(); // its live streams would otherwise hold the graceful stop for its whole grace
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly: {}", e.toString());
        }
        components.close();
        bus.shutdown(true);
    }

    /** Whether the server only listens on this machine: a loopback address or a name that means one. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim();
        if (h.equals("localhost") || h.equals("127.0.0.1") || h.equals("::1") || h.equals("[::1]")) {
            return true;
        }
        try {
            return java.net.InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
