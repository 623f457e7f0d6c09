package org.ipsjobs.soap;

import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The contract as each API version saw it, derived from the canonical wsdl/IpsApi.wsdl: the
 * version's namespace throughout, and without the operations and elements the version did not
 * have. Built on first request and kept.
 */
final class VersionedWsdl {

    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";

    private final ConcurrentMap<String, String> byNamespace = new ConcurrentHashMap<>();

    /** The WSDL text for the version. */
    String text(ApiVersion version) {
        return byNamespace.computeIfAbsent(version.namespace(), ns -> build(version));
    }

    private static String build(ApiVersion version) {
        try (InputStream in = VersionedWsdl.class.getResourceAsStream("/wsdl/IpsApi.wsdl")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = factory.newDocumentBuilder().parse(in);
            if (!version.isCanonical()) {
                removeOperations(doc, version.missingOperations());
                removeElements(doc, version);
                if (version.namespace().equals(ApiNamespaces.COMMON)) {
                    mergeFaultSchema(doc);
                }
            }
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = tf.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString().replace(ApiNamespaces.CANONICAL, version.namespace());
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the WSDL of API version " + version.namespace(), e);
        }
    }

    private static void removeOperations(Document doc, Set<String> operations) {
        for (String op : operations) {
            for (Element e : elements(doc, WSDL, "operation")) {
                if (op.equals(e.getAttribute("name"))) {
                    e.getParentNode().removeChild(e);
                }
            }
            for (Element e : elements(doc, WSDL, "message")) {
                String name = e.getAttribute("name");
                if (name.equals(op + "Request") || name.equals(op + "Response")) {
                    e.getParentNode().removeChild(e);
                }
            }
            for (Element e : elements(doc, XSD, "element")) {
                String name = e.getAttribute("name");
                if (e.getParentNode() instanceof Element parent && "schema".equals(parent.getLocalName())
                        && (name.equals(op + "Param") || name.equals(op + "Return"))) {
                    parent.removeChild(e);
                }
            }
        }
    }

    private static void removeElements(Document doc, ApiVersion version) {
        for (Element sequence : elements(doc, XSD, "sequence")) {
            Element complexType = (Element) sequence.getParentNode();
            String owner = complexType.getAttribute("name");
            if (owner.isEmpty() && complexType.getParentNode() instanceof Element element) {
                owner = element.getAttribute("name");
            }
            for (Element child : elements(sequence, XSD, "element")) {
                if (!version.has(owner, child.getAttribute("name"))) {
                    sequence.removeChild(child);
                }
            }
        }
    }

    /** Pre-4.0 used one namespace for everything, so the fault declarations join the main schema. */
    private static void mergeFaultSchema(Document doc) {
        List<Element> schemas = elements(doc, XSD, "schema");
        Element faults = null;
        Element main = null;
        for (Element schema : schemas) {
            if (ApiNamespaces.COMMON.equals(schema.getAttribute("targetNamespace"))) {
                faults = schema;
            } else {
                main = schema;
            }
        }
        if (faults == null || main == null) {
            return;
        }
        Node first = main.getFirstChild();
        while (faults.getFirstChild() != null) {
            main.insertBefore(faults.getFirstChild(), first);
        }
        faults.getParentNode().removeChild(faults);
    }

    private static List<Element> elements(Node root, String namespace, String local) {
        NodeList list = root instanceof Document d ? d.getElementsByTagNameNS(namespace, local)
                : ((Element) root).getElementsByTagNameNS(namespace, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }
}
