package org.ipsjobs.soap;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The element sequences of the contract's schema, read once from wsdl/IpsApi.wsdl, so that a schema
 * validation message ("one of a, b, c is expected") can be told apart: a required element that is
 * missing, or an element that does not belong there.
 */
final class SchemaIndex {

    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** One child of a sequence. */
    record Child(String name, boolean required) {
    }

    private final List<List<Child>> sequences;
    // "parent/child" -> the child's type: a named complex type, or the child's own name for an
    // anonymous one; parents are named complex types or top-level element names
    private final Map<String, String> childTypes;
    private final Set<String> topElements;

    private SchemaIndex(List<List<Child>> sequences, Map<String, String> childTypes, Set<String> topElements) {
        this.sequences = sequences;
        this.childTypes = childTypes;
        this.topElements = topElements;
    }

    static SchemaIndex load() {
        try (InputStream in = SchemaIndex.class.getResourceAsStream("/wsdl/IpsApi.wsdl")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = factory.newDocumentBuilder().parse(in);
            List<List<Child>> sequences = new ArrayList<>();
            Map<String, String> childTypes = new HashMap<>();
            Set<String> topElements = new HashSet<>();
            NodeList all = doc.getElementsByTagNameNS(XSD, "sequence");
            for (int i = 0; i < all.getLength(); i++) {
                String owner = owner((Element) all.item(i), topElements);
                List<Child> children = new ArrayList<>();
                for (Node n = all.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && "element".equals(e.getLocalName()) && XSD.equals(e.getNamespaceURI())) {
                        String name = e.getAttribute("name");
                        children.add(new Child(name, !"0".equals(e.getAttribute("minOccurs"))));
                        String type = e.getAttribute("type");
                        if (owner != null && !type.startsWith("xsd:")) {
                            childTypes.put(owner + "/" + name, type.substring(type.indexOf(':') + 1));
                        }
                    }
                }
                sequences.add(List.copyOf(children));
            }
            return new SchemaIndex(List.copyOf(sequences), Map.copyOf(childTypes), Set.copyOf(topElements));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the contract's schema", e);
        }
    }

    /** The named complex type, or top-level element, whose content a sequence is. */
    private static String owner(Element sequence, Set<String> topElements) {
        Element complexType = (Element) sequence.getParentNode();
        if (!complexType.getAttribute("name").isEmpty()) {
            return complexType.getAttribute("name");
        }
        Node parent = complexType.getParentNode();
        if (parent instanceof Element element && "element".equals(element.getLocalName())) {
            topElements.add(element.getAttribute("name"));
            return element.getAttribute("name");
        }
        return null;
    }

    /** True for an operation's request or response element (submitJobParam, getActiveJobsReturn ...). */
    boolean isTopElement(String name) {
        return topElements.contains(name);
    }

    /**
     * The type of a child element, as a key usable with this method again: a named complex type, or
     * null when the child holds text or is not part of the parent.
     */
    String childType(String parent, String child) {
        return childTypes.get(parent + "/" + child);
    }

    /**
     * Given the elements a validator expected next (in order), the first of them that is required
     * in the sequence they come from; empty when they are all optional or no sequence matches.
     */
    Optional<String> requiredAmong(List<String> expected) {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        for (List<Child> sequence : sequences) {
            int start = indexOf(sequence, expected.get(0));
            if (start < 0 || start + expected.size() > sequence.size()) {
                continue;
            }
            boolean matches = true;
            for (int k = 0; k < expected.size() && matches; k++) {
                matches = sequence.get(start + k).name().equals(expected.get(k));
            }
            if (matches) {
                return sequence.subList(start, start + expected.size()).stream().filter(Child::required)
                        .map(Child::name).findFirst();
            }
        }
        return Optional.empty();
    }

    private static int indexOf(List<Child> sequence, String name) {
        for (int i = 0; i < sequence.size(); i++) {
            if (sequence.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
