package org.ipsjobs.soap;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers {@code GET .../IpsApiService?wsdl}, the address SoapUI, .NET and zeep users try first,
 * with the same document as {@code /webservice/IpsApi-<current version>.wsdl}. CXF would serve its
 * own copy, which carries this server's address only in the port CXF published and keeps the
 * contract's placeholder address in the other.
 */
public final class WsdlQueryFilter extends HttpFilter {

    private final String wsdlPath;

    /** @param wsdlPath the WSDL servlet path to serve instead, such as /webservice/IpsApi-2022-11-01-beta.wsdl */
    public WsdlQueryFilter(String wsdlPath) {
        this.wsdlPath = wsdlPath;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String query = request.getQueryString();
        if ("GET".equals(request.getMethod()) && query != null && query.toLowerCase(Locale.ROOT).startsWith("wsdl")) {
            request.getRequestDispatcher(wsdlPath).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
