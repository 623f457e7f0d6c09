package org.ipsjobs.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ipsjobs.admin.AdminToken;

/**
 * Serves {@code GET /metrics} in the Prometheus text format. When an admin token is configured it
 * must come as {@code Authorization: Bearer <token>} (Prometheus' {@code authorization} setting);
 * without one the service listens only on this machine and the page is open, as the admin API is.
 */
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The content type Prometheus expects of the text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient ServiceMetrics metrics;
    private final String token;

    /** @param token the admin token, or null when none is configured */
    public MetricsServlet(ServiceMetrics metrics, String token) {
        this.metrics = metrics;
        this.token = token;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!authorized(request)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ips-job-service\"");
            plain(response, 401, "/metrics needs the bearer token configured as admin.token: send Authorization:"
                    + " Bearer <token>\n");
            return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            try {
                super.service(request, response);
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
            return;
        }
        response.setHeader("Allow", "GET, HEAD");
        plain(response, 405, "/metrics answers GET only\n");
    }

    private boolean authorized(HttpServletRequest request) {
        if (token == null) {
            return true;
        }
        return AdminToken.inBearerHeader(request, token);
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
