package org.ipsjobs.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Publishes the contract at {@code /scene7/webservice/IpsApi.wsdl} and under its versioned name,
 * with soap:address pointing at this server: the configured public URL, or else the scheme, host
 * and port the client used to fetch the WSDL.
 */
public final class WsdlServlet extends HttpServlet {

    static final String PLACEHOLDER = "http://localhost:8080/scene7/services/IpsApiService";

    private final String wsdl;
    private final Set<String> names;
    private final String publicUrl;

    /**
     * @param publicUrl base URL such as {@code https://ips.example.com}, or null to use the request's
     */
    public WsdlServlet(String publicUrl) {
        this.wsdl = read("/wsdl/IpsApi.wsdl");
        this.names = Set.of("/IpsApi.wsdl", "/IpsApi-" + ApiNamespaces.CANONICAL_VERSION + ".wsdl");
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || !names.contains(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such WSDL; try IpsApi.wsdl");
            return;
        }
        String base = publicUrl != null ? publicUrl
                : request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        byte[] body = wsdl.replace(PLACEHOLDER, base + request.getContextPath() + "/services/IpsApiService")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/xml;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String read(String resource) {
        try (InputStream in = WsdlServlet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
