package org.ipsjobs.soap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Publishes the contract of every API version, as IPS names them: {@code IpsApi-<version>.wsdl}, and
 * {@code IpsApi.wsdl} for the pre-4.0 API. soap:address points at this server: the configured public
 * URL, or else the scheme, host and port the client used to fetch the WSDL.
 */
public final class WsdlServlet extends HttpServlet {

    static final String PLACEHOLDER = "http://localhost:8080/scene7/services/IpsApiService";

    private final Map<String, ApiVersion> byName = new HashMap<>();
    private final VersionedWsdl wsdls = new VersionedWsdl();
    private final String publicUrl;

    /**
     * @param publicUrl base URL such as {@code https://ips.example.com}, or null to use the request's
     */
    public WsdlServlet(ApiVersions versions, String publicUrl) {
        versions.all().forEach(v -> byName.put("/" + v.wsdlName(), v));
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
    }

    /** Only GET and HEAD: anything else is 405 with the methods that are allowed (TRACE included). */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws jakarta.servlet.ServletException, IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            super.service(request, response);
            return;
        }
        response.setHeader("Allow", "GET, HEAD");
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "The WSDL can only be fetched with GET");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiVersion version = request.getPathInfo() == null ? null : byName.get(request.getPathInfo());
        if (version == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND,
                    "No such WSDL; try IpsApi-" + ApiNamespaces.CANONICAL_VERSION + ".wsdl");
            return;
        }
        String base = publicUrl != null ? publicUrl
                : request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        byte[] body = wsdls.text(version).replace(PLACEHOLDER, base + request.getContextPath() + "/services/IpsApiService")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/xml;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

}
