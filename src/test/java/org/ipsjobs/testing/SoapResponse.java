package org.ipsjobs.testing;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;
import org.xmlunit.xpath.XPathEngine;

/** A response as it came over the wire, with XPath helpers bound to the API's prefixes. */
public record SoapResponse(int status, String contentType, String body) {

    /** Prefixes usable in XPath: s11, s12 (envelopes), ips (canonical API), c (faults). */
    public static final Map<String, String> PREFIXES = Map.of(
            "s11", "http://schemas.xmlsoap.org/soap/envelope/",
            "s12", "http://www.w3.org/2003/05/soap-envelope",
            "ips", "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta",
            "c", "http://www.scene7.com/IpsApi/xsd");

    public String xpath(String expression) {
        return engine().evaluate(expression, Input.fromString(body).build());
    }

    public List<String> xpathAll(String expression) {
        return java.util.stream.StreamSupport.stream(
                engine().selectNodes(expression, Input.fromString(body).build()).spliterator(), false)
                .map(n -> n.getTextContent()).toList();
    }

    public int count(String expression) {
        return Integer.parseInt(xpath("count(" + expression + ")"));
    }

    /** True for a SOAP 1.1 or 1.2 fault. */
    public boolean isFault() {
        return count("//s11:Fault | //s12:Fault") > 0;
    }

    /** The IPS code inside the fault detail, or -1 when there is none. */
    public int faultCode() {
        String code = xpath("//c:*[local-name()='ipsApiFault' or local-name()='authenticationFault'"
                + " or local-name()='authorizationFault']/c:code");
        return code.isEmpty() ? -1 : Integer.parseInt(code);
    }

    /** Local name of the fault element in the detail. */
    public String faultElement() {
        return xpath("local-name(//c:*[c:code])");
    }

    public String faultReason() {
        return xpath("//c:*[c:code]/c:reason");
    }

    public Document document() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        } catch (Exception e) {
            throw new AssertionError("response is not XML: " + body, e);
        }
    }

    private static XPathEngine engine() {
        JAXPXPathEngine engine = new JAXPXPathEngine();
        engine.setNamespaceContext(PREFIXES);
        return engine;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + contentType + "\n" + body;
    }
}
