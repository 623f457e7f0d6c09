package org.ipsjobs.server;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.cxf.Bus;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.ipsjobs.soap.CxfWorkarounds;

/**
 * CXF's servlet, with the service's bus kept as the default bus of every thread that serves it
 * (see {@link CxfWorkarounds#keepAsThreadDefault}).
 */
final class CxfServlet extends CXFNonSpringServlet {

    CxfServlet(Bus bus) {
        setBus(bus);
    }

    @Override
    protected void invoke(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        CxfWorkarounds.keepAsThreadDefault(getBus());
        super.invoke(request, response);
    }
}
