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
 * The element sequences of the contract's schema, read once from wsdl/IpsApi.wsdl: for each complex
 * type (or operation element), its children in order with whether each is required, repeatable, and
 * of which type. Faults use it to say what is wrong with a request in terms of the contract, and
 * answers in older API versions use it to know the type of each element they write.
 */
final class SchemaIndex {

    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /**
     * One child of a sequence.
     *
     * @param name its local name
     * @param required minOccurs is not 0
     * @param repeatable maxOccurs is above 1
     * @param complexType the key of its complex type (see {@link #children}), or null for a simple type
     * @param simpleType the local name of its XML Schema type (string, int, dateTime ...), or null
     */
    record Child(String name, boolean required, boolean repeatable, String complexType, String simpleType) {
    }

    // keyed by named complex type, or by top-level element name for their anonymous types
    private final Map<String, List<Child>> childrenByType;
    private final Map<String, Child> byPath; // "type/child"
    private final Set<String> topElements;

    private SchemaIndex(Map<String, List<Child>> childrenByType, Set<String> topElements) {
        this.childrenByType = childrenByType;
        this.topElements = topElements;
        Map<String, Child> paths = new HashMap<>();
        childrenByType.forEach((type, children) -> children.forEach(c -> paths.put(type + "/" + c.name(), c)));
        this.byPath = Map.copyOf(paths);
    }

    static SchemaIndex load() {
        try (InputStream in = SchemaIndex.class.getResourceAsStream("/wsdl/IpsApi.wsdl")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = factory.newDocumentBuilder().parse(in);
            Map<String, List<Child>> children = new HashMap<>();
            Set<String> topElements = new HashSet<>();
            NodeList all = doc.getElementsByTagNameNS(XSD, "sequence");
            for (int i = 0; i < all.getLength(); i++) {
                String owner = owner((Element) all.item(i), topElements);
                if (owner == null) {
                    continue;
                }
                List<Child> sequence = new ArrayList<>();
                for (Node n = all.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && "element".equals(e.getLocalName()) && XSD.equals(e.getNamespaceURI())) {
                        String type = e.getAttribute("type");
                        String local = type.substring(type.indexOf(':') + 1);
                        boolean simple = type.startsWith("xsd:") || type.startsWith("xs:");
                        String max = e.getAttribute("maxOccurs");
                        sequence.add(new Child(e.getAttribute("name"), !"0".equals(e.getAttribute("minOccurs")),
                                !max.isEmpty() && !"1".equals(max), simple ? null : local, simple ? local : null));
                    }
                }
                children.put(owner, List.copyOf(sequence));
            }
            return new SchemaIndex(Map.copyOf(children), Set.copyOf(topElements));
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
        Child found = byPath.get(parent + "/" + child);
        return found == null ? null : found.complexType();
    }

    /** The children of a complex type (or operation element), in order; empty for unknown keys. */
    List<Child> children(String typeKey) {
        List<Child> list = typeKey == null ? null : childrenByType.get(typeKey);
        return list == null ? List.of() : list;
    }

    /** One child of a complex type, if the type has a child of that name. */
    Optional<Child> child(String typeKey, String name) {
        return Optional.ofNullable(byPath.get(typeKey + "/" + name));
    }
}
