package org.ipsjobs.server;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * CXF's servlet, with the service's bus kept as the default bus of every thread that serves it.
 * CXF's own servlet makes the bus the thread's default for each request and takes it away again
 * afterwards, and both steps go through one lock shared by all threads; a thread that already has
 * the bus skips them.
 */
final class CxfServlet extends CXFNonSpringServlet {

    CxfServlet(Bus bus) {
        setBus(bus);
    }

    @Override
    protected void invoke(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        Bus bus = getBus();
        if (BusFactory.getThreadDefaultBus(false) != bus) {
            BusFactory.setThreadDefaultBus(bus);
        }
        super.invoke(request, response);
    }
}
