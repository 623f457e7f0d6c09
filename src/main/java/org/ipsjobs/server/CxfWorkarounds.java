package org.ipsjobs.server;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.logging.FaultListener;

/**
 * Where the service departs from CXF's defaults, each for a reason of its own (the others live beside
 * the code they serve: {@link CxfServlet} keeps the bus as each serving thread's default, and
 * {@code IpsApiPublisher} hands CXF a schema that reuses validators per thread):
 * <ul>
 * <li>a fault listener that logs nothing: client faults are logged once, by the request log, where
 * CXF would log each with a stack trace;</li>
 * <li>the class loader CXF makes current for each request, given up front: otherwise CXF looks one up
 * in the jar on every request, under a lock all request threads share.</li>
 * </ul>
 */
final class CxfWorkarounds {

    private CxfWorkarounds() {
    }

    static Bus newBus(ClassLoader classLoader) {
        Bus bus = BusFactory.newInstance().createBus();
        bus.setProperty(FaultListener.class.getName(), (FaultListener) (exception, description, message) -> false);
        bus.setExtension(classLoader, ClassLoader.class);
        return bus;
    }
}
