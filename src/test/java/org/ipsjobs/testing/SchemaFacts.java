package org.ipsjobs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The structural facts of a WSDL's schema that a client generated from it depends on, for the
 * operations this service implements: for the Param and Return element of each, for authHeader, and
 * for every complex type they use directly or not, the child elements in order with the local name
 * of their type and their occurrence. Namespaces are told apart only as the version's own and the
 * unversioned {@code http://www.scene7.com/IpsApi/xsd}, so WSDLs of different versions compare.
 *
 * <p>Run as a program, it writes the facts of a WSDL file as JSON: that is how the description of
 * Adobe's 2013-02-15 schema under src/test/resources/adobe was made (see the file's {@code about}).
 */
public final class SchemaFacts {

    /** The operations whose declarations are compared. */
    public static final List<String> OPERATIONS = List.of("submitJob", "getActiveJobs", "getScheduledJobs", "pauseJob",
            "resumeJob", "stopJob", "deleteJob", "executeJob", "getJobLogs", "getJobLogDetails", "getAssetJobLogs",
            "checkLogin", "getCompanyInfo", "getCompanyMembership");

    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String UNVERSIONED = "http://www.scene7.com/IpsApi/xsd";

    /**
     * How one element or complex type is declared.
     *
     * @param namespace {@code versioned} or {@code unversioned}
     * @param group {@code sequence} or {@code all}
     * @param children each as {@code name type minOccurs..maxOccurs}, such as {@code locale string 0..1}
     */
    public record Declaration(String namespace, String group, List<String> children) {
    }

    /**
     * @param namespace the target namespace of the schema the operations' elements are in
     * @param elements the Param and Return elements and authHeader, by name
     * @param types the complex types they use, by name
     */
    public record Facts(String namespace, Map<String, Declaration> elements, Map<String, Declaration> types) {
    }

    private SchemaFacts() {
    }

    /** The facts of a WSDL given as text. */
    public static Facts of(String wsdl) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return of(factory.newDocumentBuilder().parse(new InputSource(new StringReader(wsdl))));
    }

    /** The facts of a parsed WSDL. */
    public static Facts of(Document wsdl) {
        Map<String, Element> topElements = new LinkedHashMap<>();
        Map<String, Element> complexTypes = new LinkedHashMap<>();
        var schemas = wsdl.getElementsByTagNameNS(XSD, "schema");
        for (int i = 0; i < schemas.getLength(); i++) {
            for (Node n = schemas.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && XSD.equals(e.getNamespaceURI())) {
                    if ("element".equals(e.getLocalName())) {
                        topElements.put(e.getAttribute("name"), e);
                    } else if ("complexType".equals(e.getLocalName())) {
                        complexTypes.put(e.getAttribute("name"), e);
                    }
                }
            }
        }
        List<String> roots = new ArrayList<>();
        OPERATIONS.forEach(op -> {
            roots.add(op + "Param");
            roots.add(op + "Return");
        });
        roots.add("authHeader");
        String namespace = null;
        Map<String, Declaration> elements = new TreeMap<>();
        Map<String, Declaration> types = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String root : roots) {
            Element element = topElements.get(root);
            if (element == null) {
                continue; // absent: the comparison shows it
            }
            if (root.endsWith("Param") && namespace == null) {
                namespace = schemaOf(element).getAttribute("targetNamespace");
            }
            Element complexType = firstChild(element, "complexType");
            Declaration declaration = declaration(element, complexType);
            elements.put(root, declaration);
            declaration.children().forEach(c -> todo.add(c.split(" ")[1]));
        }
        while (!todo.isEmpty()) {
            String type = todo.pop();
            Element complexType = complexTypes.get(type);
            if (complexType == null || types.containsKey(type)) {
                continue; // a built-in type, or known already
            }
            Declaration declaration = declaration(complexType, complexType);
            types.put(type, declaration);
            declaration.children().forEach(c -> todo.add(c.split(" ")[1]));
        }
        return new Facts(namespace, elements, types);
    }

    private static Declaration declaration(Element declared, Element complexType) {
        String namespace = UNVERSIONED.equals(schemaOf(declared).getAttribute("targetNamespace")) ? "unversioned"
                : "versioned";
        String group = "empty";
        List<String> children = new ArrayList<>();
        for (Node n = complexType == null ? null : complexType.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element g && XSD.equals(g.getNamespaceURI())
                    && List.of("sequence", "all", "choice").contains(g.getLocalName())) {
                group = g.getLocalName();
                for (Node c = g.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element child && XSD.equals(child.getNamespaceURI())) {
                        children.add(describe(child));
                    }
                }
            }
        }
        return new Declaration(namespace, group, List.copyOf(children));
    }

    private static String describe(Element child) {
        if (!"element".equals(child.getLocalName())) {
            return "(" + child.getLocalName() + ")";
        }
        String type = child.getAttribute("type");
        String min = child.getAttribute("minOccurs");
        String max = child.getAttribute("maxOccurs");
        return child.getAttribute("name") + " " + type.substring(type.indexOf(':') + 1) + " "
                + (min.isEmpty() ? "1" : min) + ".." + (max.isEmpty() ? "1" : max);
    }

    private static Element schemaOf(Element e) {
        Node n = e;
        while (n != null && !(n instanceof Element s && "schema".equals(s.getLocalName()))) {
            n = n.getParentNode();
        }
        return (Element) n;
    }

    private static Element firstChild(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && XSD.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /** Reads facts written by {@link #main}. */
    public static Facts read(InputStream json) throws IOException {
        return new ObjectMapper().readerFor(Facts.class).without(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
    }

    /**
     * Writes the facts of a WSDL file as JSON, with where they come from.
     *
     * <p>Arguments: the WSDL file, the JSON file to write, and a sentence saying where the WSDL was
     * published.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SchemaFacts WSDL-FILE JSON-FILE 'where the WSDL was published'");
            System.exit(2);
        }
        Path wsdl = Path.of(args[0]);
        byte[] bytes = Files.readAllBytes(wsdl);
        Facts facts = of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("about", "Structural facts, not text, of the schema in " + wsdl.getFileName() + " (" + args[2]
                + "), extracted by org.ipsjobs.testing.SchemaFacts for the operations " + String.join(", ", OPERATIONS)
                + ": for their Param and Return elements, authHeader and every complex type they use, the child"
                + " elements in order as 'name type minOccurs..maxOccurs'. Regenerate with: mvn -q test-compile"
                + " org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test -Dexec.mainClass=org.ipsjobs.testing.SchemaFacts"
                + " -Dexec.args=\"WSDL-FILE JSON-FILE 'where it was published'\"");
        out.put("sha256", sha256(bytes));
        out.put("namespace", facts.namespace());
        out.put("elements", facts.elements());
        out.put("types", facts.types());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[1]).toFile(), out);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
