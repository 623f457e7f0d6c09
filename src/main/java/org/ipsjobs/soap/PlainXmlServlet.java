package org.ipsjobs.soap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.staxutils.StaxUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The plain-XML API that Adobe Experience Manager's Scene7 client classes use instead of SOAP: a POST
 * of {@code <Request>} wrapping an authHeader and one operation's Param element, answered by the bare
 * Return element, or by the bare fault element (authenticationFault, authorizationFault, ipsApiFault)
 * with HTTP 500 or the authHeader's faultHttpStatusCode.
 *
 * <p>It implements no rule of its own: the request is rewritten as a SOAP 1.1 envelope (authHeader in
 * the header, the Param in the body) and handed to the SOAP endpoint in process, so authentication,
 * roles, companies, API versions, limits and faults are exactly the SOAP endpoint's; the answer's body
 * (or fault detail) is then written back as the document. Each of wrapper, header and Param may be in
 * any API version's namespace, as AEM sends them.
 */
public final class PlainXmlServlet extends HttpServlet {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private final transient HttpServlet soapServlet;
    private final String soapServletPath;
    private final String soapPathInfo;

    /**
     * @param soapServlet the servlet that serves the SOAP endpoint
     * @param soapServletPath its servlet path in this context ({@code /services})
     * @param soapPathInfo the endpoint below it ({@code /IpsApiService})
     */
    public PlainXmlServlet(HttpServlet soapServlet, String soapServletPath, String soapPathInfo) {
        this.soapServlet = soapServlet;
        this.soapServletPath = soapServletPath;
        this.soapPathInfo = soapPathInfo;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        byte[] envelope;
        try {
            envelope = envelope(request.getInputStream().readAllBytes(), request.getCharacterEncoding());
        } catch (MalformedRequestException e) {
            writeFault(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    IpsFault.api(IpsFault.INVALID_REQUEST_XML, e.getMessage()));
            return;
        }
        CapturedResponse answer = new CapturedResponse(response);
        request.setAttribute(JournalRecorder.ENTRY_POINT, "plain XML");
        soapServlet.service(new SoapRequest(request, envelope), answer);
        if (request.getAttribute(FaultInjectionInterceptor.DISCONNECT) != null) {
            return; // a fault rule dropped the connection: there is no one to answer
        }
        relay(answer, response);
    }

    /** The SOAP 1.1 envelope that carries the plain request's authHeader and Param element. */
    static byte[] envelope(byte[] body, String charset) {
        Document request;
        try {
            XMLStreamReader reader = StaxUtils.createXMLStreamReader(new ByteArrayInputStream(body), charset);
            if ("1.1".equals(reader.getVersion())) {
                throw new MalformedRequestException("The request is an XML 1.1 document; IPS reads XML 1.0 only");
            }
            request = StaxUtils.read(reader);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof MalformedRequestException m) {
                throw m;
            }
            throw new MalformedRequestException("The request is not well-formed XML");
        }
        Element root = request.getDocumentElement();
        if (root == null || !"Request".equals(root.getLocalName())) {
            throw new MalformedRequestException("The document must be a Request element wrapping an authHeader and one"
                    + " operation's Param element (such as getJobLogsParam); got "
                    + (root == null ? "nothing" : root.getLocalName()));
        }
        List<Element> headers = new ArrayList<>();
        List<Element> params = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                (RequestCredentials.AUTH_HEADER.equals(e.getLocalName()) ? headers : params).add(e);
            }
        }
        if (params.size() != 1) {
            throw new MalformedRequestException("The Request must hold exactly one operation's Param element besides its"
                    + " authHeader; it holds " + params.size());
        }
        Document soap = DOMUtils.createDocument();
        Element envelope = soap.createElementNS(SOAP11, "soapenv:Envelope");
        soap.appendChild(envelope);
        Element header = soap.createElementNS(SOAP11, "soapenv:Header");
        envelope.appendChild(header);
        for (Element h : headers) {
            header.appendChild(soap.importNode(h, true));
        }
        Element soapBody = soap.createElementNS(SOAP11, "soapenv:Body");
        envelope.appendChild(soapBody);
        soapBody.appendChild(soap.importNode(params.get(0), true));
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 256);
        try {
            StaxUtils.writeTo(soap, out);
        } catch (XMLStreamException e) {
            throw new MalformedRequestException("The request could not be read as an IPS request");
        }
        return out.toByteArray();
    }

    /** Writes the SOAP answer's body element, or its fault's detail, as the document. */
    private static void relay(CapturedResponse answer, HttpServletResponse response) throws IOException {
        byte[] bytes = answer.body();
        boolean gzipped = answer.gzipped();
        if (gzipped) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        Element body;
        try {
            Document document = StaxUtils.read(new ByteArrayInputStream(bytes));
            body = DOMUtils.getFirstChildWithName(document.getDocumentElement(), SOAP11, "Body");
        } catch (XMLStreamException | RuntimeException e) {
            body = null;
        }
        Element content = body == null ? null : DOMUtils.getFirstElement(body);
        if (content == null) {
            // the SOAP endpoint answered with something that is not an envelope: not the client's doing
            writeFault(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, new IpsFault(IpsFault.Kind.IPS_API,
                    IpsFault.EXCEPTION, "The server could not complete the request", false));
            return;
        }
        if ("Fault".equals(content.getLocalName())) {
            writeFault(response, answer.status(), faultOf(content));
            return;
        }
        ByteArrayOutputStream document = new ByteArrayOutputStream(bytes.length);
        try {
            StaxUtils.writeTo(content, document);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the answer", e);
        }
        write(response, answer.status(), document.toByteArray(), gzipped);
    }

    /** The IPS fault inside a SOAP fault's detail. */
    private static IpsFault faultOf(Element soapFault) {
        for (IpsFault.Kind kind : IpsFault.Kind.values()) {
            Element detail = findDescendant(soapFault, kind.element());
            if (detail != null) {
                Element code = DOMUtils.getFirstChildWithName(detail, ApiNamespaces.COMMON, "code");
                Element reason = DOMUtils.getFirstChildWithName(detail, ApiNamespaces.COMMON, "reason");
                int number = code == null ? IpsFault.EXCEPTION : Integer.parseInt(code.getTextContent().trim());
                return new IpsFault(kind, number, reason == null ? "" : reason.getTextContent(),
                        number != IpsFault.EXCEPTION);
            }
        }
        return new IpsFault(IpsFault.Kind.IPS_API, IpsFault.EXCEPTION, "The server could not complete the request", false);
    }

    private static Element findDescendant(Element root, String localName) {
        for (Element e = DOMUtils.getFirstElement(root); e != null; e = DOMUtils.getNextElement(e)) {
            if (localName.equals(e.getLocalName()) && ApiNamespaces.COMMON.equals(e.getNamespaceURI())) {
                return e;
            }
            Element deeper = findDescendant(e, localName);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    private static void writeFault(HttpServletResponse response, int status, IpsFault fault) throws IOException {
        write(response, status, SoapFaultDocument.bare(fault), false);
    }

    private static void write(HttpServletResponse response, int status, byte[] document, boolean gzip) throws IOException {
        response.setStatus(status);
        response.setContentType("text/xml;charset=UTF-8");
        byte[] bytes = document;
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(document.length / 4 + 64);
            try (OutputStream out = new GZIPOutputStream(zipped)) {
                out.write(document);
            }
            bytes = zipped.toByteArray();
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The plain request as the SOAP endpoint sees it: a SOAP 1.1 POST to its own address. */
    private final class SoapRequest extends HttpServletRequestWrapper {
        private final byte[] envelope;

        SoapRequest(HttpServletRequest request, byte[] envelope) {
            super(request);
            this.envelope = envelope;
        }

        @Override
        public String getServletPath() {
            return soapServletPath;
        }

        @Override
        public String getPathInfo() {
            return soapPathInfo;
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + soapServletPath + soapPathInfo;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(super.getRequestURL());
            url.setLength(url.length() - super.getRequestURI().length());
            return url.append(getRequestURI());
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public String getContentType() {
            return "text/xml; charset=UTF-8";
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public int getContentLength() {
            return envelope.length;
        }

        @Override
        public long getContentLengthLong() {
            return envelope.length;
        }

        @Override
        public String getHeader(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "content-type" -> getContentType();
                case "content-length" -> Integer.toString(envelope.length);
                case "soapaction", "content-encoding", "transfer-encoding" -> null;
                default -> super.getHeader(name);
            };
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = getHeader(name);
            return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(envelope);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the envelope is read in blocking mode");
                }
            };
        }
    }

    /** Keeps what the SOAP endpoint writes, so it can be turned into the plain answer. */
    private static final class CapturedResponse extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        private int status = HttpServletResponse.SC_OK;
        private String contentEncoding;
        private PrintWriter writer;

        CapturedResponse(HttpServletResponse response) {
            super(response);
        }

        int status() {
            return status;
        }

        boolean gzipped() {
            return contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return body.toByteArray();
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setHeader(String name, String value) {
            remember(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            remember(name, value);
        }

        private void remember(String name, String value) {
            if ("Content-Encoding".equalsIgnoreCase(name)) {
                contentEncoding = value;
            }
            // every other header is the SOAP endpoint's, not the plain answer's
        }

        @Override
        public void setContentType(String type) {
            // the plain answer has its own
        }

        @Override
        public void setContentLength(int len) {
            // the plain answer has its own
        }

        @Override
        public void setContentLengthLong(long len) {
            // the plain answer has its own
        }

        @Override
        public void setCharacterEncoding(String charset) {
            // always UTF-8
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void flushBuffer() {
            // nothing goes out until the plain answer is written
        }

        @Override
        public void resetBuffer() {
            body.reset();
        }

        @Override
        public void reset() {
            body.reset();
            status = HttpServletResponse.SC_OK;
            contentEncoding = null;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("the answer is written in blocking mode");
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new java.io.OutputStreamWriter(body, StandardCharsets.UTF_8));
            }
            return writer;
        }
    }
}
