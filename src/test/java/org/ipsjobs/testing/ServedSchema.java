package org.ipsjobs.testing;

import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The schema inside a served WSDL, compiled so that real answers can be validated against it. */
public final class ServedSchema {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private ServedSchema() {
    }

    /** Compiles the schemas inside wsdl:types of a fetched WSDL. */
    public static Schema of(SoapResponse wsdl) throws Exception {
        Document doc = wsdl.document();
        String targetNamespace = doc.getDocumentElement().getAttribute("targetNamespace");
        NodeList schemas = doc.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema");
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < schemas.getLength(); i++) {
            Element s = (Element) schemas.item(i).cloneNode(true);
            // carry the declarations of wsdl:definitions that the schema's QNames rely on
            s.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsd", XMLConstants.W3C_XML_SCHEMA_NS_URI);
            s.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:tns", targetNamespace);
            s.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ips", "http://www.scene7.com/IpsApi/xsd");
            sources.add(new DOMSource(s));
        }
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(sources.toArray(Source[]::new));
    }

    /** The element an answer carries: the body's child, or for a fault the element inside its detail. */
    public static Element payload(SoapResponse response) {
        Node body = response.document().getElementsByTagNameNS(SOAP11, "Body").item(0);
        for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e.getLocalName().equals("Fault") ? firstElement(e.getElementsByTagName("detail").item(0)) : e;
            }
        }
        throw new AssertionError("empty body: " + response);
    }

    /** Validates the answer's payload; throws with the validator's reason when it does not conform. */
    public static void validate(Schema schema, SoapResponse response) throws Exception {
        schema.newValidator().validate(new DOMSource(payload(response)));
    }

    private static Element firstElement(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("empty fault detail");
    }
}
