package org.ipsjobs.soap;

import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The contract as each API version saw it, derived from the canonical wsdl/IpsApi.wsdl: the
 * version's namespace throughout, without the operations and elements the version did not have,
 * with the elements only it had and the declarations it made differently (see {@link ApiVersion}),
 * and without the types nothing in it uses any more. Built on first request and kept.
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
                describe(doc, version);
                removeOperations(doc, version.missingOperations());
                removeElements(doc, version);
                changeElements(doc, version);
                addExtraElements(doc, version);
                shapeAuthHeader(doc, version.authHeader());
                pruneUnusedTypes(doc);
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
                    remove(e);
                }
            }
            for (Element e : elements(doc, WSDL, "message")) {
                String name = e.getAttribute("name");
                if (name.equals(op + "Request") || name.equals(op + "Response")) {
                    remove(e);
                }
            }
            for (Element e : elements(doc, XSD, "element")) {
                String name = e.getAttribute("name");
                if (e.getParentNode() instanceof Element parent && "schema".equals(parent.getLocalName())
                        && (name.equals(op + "Param") || name.equals(op + "Return"))) {
                    remove(e);
                }
            }
        }
    }

    /** The canonical file's opening comment speaks of the canonical version; this one says what the file is. */
    private static void describe(Document doc, ApiVersion version) {
        for (Node n = doc.getFirstChild(); n != null && n != doc.getDocumentElement(); ) {
            Node next = n.getNextSibling();
            if (n instanceof Comment) {
                doc.removeChild(n);
            }
            n = next;
        }
        doc.insertBefore(doc.createComment("\n  The IPS API as of version " + (version.id().isEmpty() ? "pre-4.0" : version.id())
                + ", as IPS Job Service serves it: derived from the service's canonical contract by the\n"
                + "  differences that api-versions.json records for this version, each with its source.\n"),
                doc.getDocumentElement());
    }

    private static void removeElements(Document doc, ApiVersion version) {
        for (Element sequence : elements(doc, XSD, "sequence")) {
            String owner = owner(sequence);
            for (Element child : elements(sequence, XSD, "element")) {
                if (!version.has(owner, child.getAttribute("name"))) {
                    remove(child);
                }
            }
        }
    }

    /** Children the version declared under another name, type or occurrence. */
    private static void changeElements(Document doc, ApiVersion version) {
        for (Element sequence : elements(doc, XSD, "sequence")) {
            Map<String, ApiVersion.ElementChange> changes = version.changedElements().get(owner(sequence));
            if (changes == null) {
                continue;
            }
            for (Element child : elements(sequence, XSD, "element")) {
                ApiVersion.ElementChange change = changes.get(child.getAttribute("name"));
                if (change != null) {
                    set(child, "name", change.name());
                    set(child, "type", change.type());
                    set(child, "minOccurs", change.minOccurs());
                    set(child, "maxOccurs", change.maxOccurs());
                }
            }
        }
    }

    /**
     * Children only the version had, each after the sibling it followed; a type the canonical schema
     * does not have at all is declared at the end of the version's schema.
     */
    private static void addExtraElements(Document doc, ApiVersion version) {
        Map<String, Element> sequences = new HashMap<>();
        for (Element sequence : elements(doc, XSD, "sequence")) {
            sequences.put(owner(sequence), sequence);
        }
        Element schema = versionedSchema(doc);
        for (Map.Entry<String, List<ApiVersion.ExtraElement>> entry : new TreeMap<>(version.extraElements()).entrySet()) {
            Element sequence = sequences.get(entry.getKey());
            if (sequence == null) {
                Element type = doc.createElementNS(XSD, "xsd:complexType");
                type.setAttribute("name", entry.getKey());
                sequence = doc.createElementNS(XSD, "xsd:sequence");
                type.appendChild(doc.createTextNode("\n        "));
                type.appendChild(sequence);
                type.appendChild(doc.createTextNode("\n      "));
                sequence.appendChild(doc.createTextNode("\n        "));
                schema.insertBefore(doc.createTextNode("\n      "), schema.getLastChild());
                schema.insertBefore(type, schema.getLastChild());
            }
            for (ApiVersion.ExtraElement extra : entry.getValue()) {
                Element element = doc.createElementNS(XSD, "xsd:element");
                element.setAttribute("name", extra.name());
                element.setAttribute("type", extra.type());
                set(element, "minOccurs", "1".equals(extra.minOccurs()) ? null : extra.minOccurs());
                set(element, "maxOccurs", "1".equals(extra.maxOccurs()) ? null : extra.maxOccurs());
                Node before = sequence.getLastChild(); // the indentation of the end tag, if any
                if (before != null && before.getNodeType() != Node.TEXT_NODE) {
                    before = null;
                }
                if (extra.after() != null) {
                    Element after = child(sequence, extra.after());
                    if (after == null) {
                        throw new IllegalStateException(entry.getKey() + "/" + extra.name() + " follows "
                                + extra.after() + ", which " + version.wsdlName() + " does not declare");
                    }
                    before = after.getNextSibling();
                }
                sequence.insertBefore(doc.createTextNode("\n" + " ".repeat(indentOf(sequence) + 2)), before);
                sequence.insertBefore(element, before);
            }
        }
    }

    /** Moves authHeader to the unversioned schema and makes its children an xsd:all, as the version had it. */
    private static void shapeAuthHeader(Document doc, ApiVersion.AuthHeaderForm form) {
        if (form.equals(ApiVersion.AuthHeaderForm.CANONICAL)) {
            return;
        }
        Element schema = versionedSchema(doc);
        Element header = null;
        for (Node n = schema.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "element".equals(e.getLocalName()) && "authHeader".equals(e.getAttribute("name"))) {
                header = e;
            }
        }
        if (header == null) {
            throw new IllegalStateException("the canonical schema declares no authHeader");
        }
        if (form.allGroup()) {
            Element sequence = elements(header, XSD, "sequence").get(0);
            Element all = doc.createElementNS(XSD, "xsd:all");
            while (sequence.getFirstChild() != null) {
                all.appendChild(sequence.getFirstChild());
            }
            sequence.getParentNode().replaceChild(all, sequence);
        }
        if (form.unversioned()) {
            for (Element other : elements(doc, XSD, "schema")) {
                if (ApiNamespaces.COMMON.equals(other.getAttribute("targetNamespace"))) {
                    Node indent = header.getPreviousSibling();
                    remove(header);
                    if (indent != null && indent.getNodeType() == Node.TEXT_NODE) {
                        other.insertBefore(indent.cloneNode(false), other.getLastChild());
                    }
                    other.insertBefore(header, other.getLastChild());
                }
            }
            for (Element part : elements(doc, WSDL, "part")) {
                if ("tns:authHeader".equals(part.getAttribute("element"))) {
                    part.setAttribute("element", "ips:authHeader");
                }
            }
        }
    }

    /** Removes the named complex types that no declaration refers to any more, directly or not. */
    private static void pruneUnusedTypes(Document doc) {
        Map<String, Element> types = new HashMap<>();
        List<Element> roots = new ArrayList<>();
        for (Element schema : elements(doc, XSD, "schema")) {
            for (Node n = schema.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "complexType".equals(e.getLocalName())) {
                    types.put(e.getAttribute("name"), e);
                } else if (n instanceof Element e && "element".equals(e.getLocalName())) {
                    roots.add(e);
                }
            }
        }
        Set<String> used = new HashSet<>();
        Deque<Element> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Element declaration = todo.pop();
            List<Element> refs = elements(declaration, XSD, "element");
            refs.add(declaration);
            for (Element ref : refs) {
                String type = ref.getAttribute("type");
                String local = type.substring(type.indexOf(':') + 1);
                if (types.containsKey(local) && used.add(local)) {
                    todo.push(types.get(local));
                }
            }
        }
        types.forEach((name, type) -> {
            if (!used.contains(name)) {
                remove(type);
            }
        });
    }

    /** The named complex type, or top-level element, whose content a sequence is. */
    private static String owner(Element sequence) {
        Element complexType = (Element) sequence.getParentNode();
        String owner = complexType.getAttribute("name");
        if (owner.isEmpty() && complexType.getParentNode() instanceof Element element) {
            owner = element.getAttribute("name");
        }
        return owner;
    }

    private static Element versionedSchema(Document doc) {
        for (Element schema : elements(doc, XSD, "schema")) {
            if (ApiNamespaces.CANONICAL.equals(schema.getAttribute("targetNamespace"))) {
                return schema;
            }
        }
        throw new IllegalStateException("the canonical WSDL has no schema in " + ApiNamespaces.CANONICAL);
    }

    private static Element child(Element sequence, String name) {
        for (Element e : elements(sequence, XSD, "element")) {
            if (e.getParentNode() == sequence && name.equals(e.getAttribute("name"))) {
                return e;
            }
        }
        return null;
    }

    /** Removes an element together with the indentation before it. */
    private static void remove(Element e) {
        Node before = e.getPreviousSibling();
        if (before != null && before.getNodeType() == Node.TEXT_NODE && before.getTextContent().isBlank()) {
            e.getParentNode().removeChild(before);
        }
        e.getParentNode().removeChild(e);
    }

    /** How far an element's start tag is indented, going by the text before it. */
    private static int indentOf(Element e) {
        Node before = e.getPreviousSibling();
        if (before == null || before.getNodeType() != Node.TEXT_NODE) {
            return 0;
        }
        String text = before.getTextContent();
        return text.length() - text.lastIndexOf('\n') - 1;
    }

    /** Sets the attribute when there is a value; null leaves it as it is. */
    private static void set(Element e, String attribute, String value) {
        if (value != null) {
            e.setAttribute(attribute, value);
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
