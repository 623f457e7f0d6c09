package org.ipsjobs.server;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import org.apache.cxf.Bus;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
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
        Object disconnect = request.getAttribute(CxfWorkarounds.DISCONNECT_ATTRIBUTE);
        if (disconnect != null) {
            drop(request, "reset".equals(disconnect));
        }
    }

    /**
     * Drops the connection before anything is sent, as a fault rule asked: with a TCP reset (linger 0)
     * or by closing it, which a client sees as an empty reply.
     */
    private static void drop(HttpServletRequest request, boolean reset) {
        ServletContextRequest jettyRequest = ServletContextRequest.getServletContextRequest(request);
        if (jettyRequest == null) {
            return;
        }
        EndPoint endPoint = jettyRequest.getConnectionMetaData().getConnection().getEndPoint();
        if (reset && endPoint.getTransport() instanceof SocketChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // the connection is going anyway; without linger 0 it ends with a close instead of a reset
            }
        }
        endPoint.close();
    }
}
