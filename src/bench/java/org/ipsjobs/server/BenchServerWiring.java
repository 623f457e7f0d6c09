package org.ipsjobs.server;

import java.util.List;

import jakarta.servlet.http.HttpServlet;

import org.apache.cxf.Bus;
import org.eclipse.jetty.server.Handler;
import org.ipsjobs.soap.IpsApiPublisher;

/**
 * Benchmark-only (compiled from src/bench, in this package because RequestGate and CxfServlet are
 * package-private): the two pieces of IpsJobServer's wiring the interceptor table adds on top of a
 * bare CXF endpoint, built with the same arguments IpsJobServer gives them.
 */
public final class BenchServerWiring {

    private BenchServerWiring() {
    }

    /** RequestGate in front of the SOAP entry point, with the limits of the given settings. */
    public static Handler requestGate(Handler next, ServiceSettings settings) {
        ConnectionLimits limits = settings.connections();
        return new RequestGate(next, List.of(new RequestGate.Entry(IpsJobServer.CONTEXT_PATH + "/services/",
                IpsJobServer.CONTEXT_PATH + "/services" + IpsApiPublisher.ADDRESS, true)),
                settings.limits().maxRequestBytes(), limits.minRequestDataRate(), limits.maxBufferedRequestBytes());
    }

    /** The service's CXF servlet, which keeps the bus as each serving thread's default. */
    public static HttpServlet cxfServlet(Bus bus) {
        return new CxfServlet(bus);
    }
}
