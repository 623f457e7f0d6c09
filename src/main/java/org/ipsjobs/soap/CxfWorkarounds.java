package org.ipsjobs.soap;

import javax.xml.validation.Schema;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.service.model.ServiceInfo;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;

/**
 * Every place where the service departs from CXF's defaults or reaches into its internals, each for a
 * reason of its own. When CXF is upgraded, this is the class to check.
 */
public final class CxfWorkarounds {

    /**
     * Request attribute set when a fault rule wants the connection dropped ({@code reset} or
     * {@code empty}); the servlet, which can reach the connection, does it once CXF has returned.
     */
    public static final String DISCONNECT_ATTRIBUTE = FaultInjectionInterceptor.DISCONNECT;

    private CxfWorkarounds() {
    }

    /**
     * A bus for the service, with two changes:
     * <ul>
     * <li>a fault listener that logs nothing: client faults are logged once, by the request log, where
     * CXF would log each with a stack trace;</li>
     * <li>the class loader CXF makes current for each request, given up front: otherwise CXF looks one
     * up in the jar on every request, under a lock all request threads share.</li>
     * </ul>
     */
    public static Bus newBus(ClassLoader classLoader) {
        Bus bus = BusFactory.newInstance().createBus();
        bus.setProperty(FaultListener.class.getName(), (FaultListener) (exception, description, message) -> false);
        bus.setExtension(classLoader, ClassLoader.class);
        return bus;
    }

    /**
     * Makes the bus the current thread's default bus once, for good. CXF's servlet sets it for each
     * request and takes it away afterwards, both through one lock shared by all threads; a thread that
     * already has it skips both. Called by the servlet before each request.
     */
    public static void keepAsThreadDefault(Bus bus) {
        if (BusFactory.getThreadDefaultBus(false) != bus) {
            BusFactory.setThreadDefaultBus(bus);
        }
    }

    /**
     * Replaces the schema CXF validates requests with by one that hands out its validators again on
     * the same thread ({@link ThreadReusedSchema}): CXF makes a new validator per request, which costs
     * more than validating. CXF keeps that schema in an internal property of the service model (the
     * schema's class name as the key), which is why this has to reach in after the endpoint is built.
     */
    static void reuseValidators(Server server, Bus bus) {
        ServiceInfo service = server.getEndpoint().getService().getServiceInfos().get(0);
        Schema schema = EndpointReferenceUtils.getSchema(service, bus);
        if (schema != null) {
            service.setProperty(Schema.class.getName(), new ThreadReusedSchema(schema));
        }
    }
}
