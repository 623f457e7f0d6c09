package org.ipsjobs.testing;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.xml.sax.InputSource;

/**
 * A small, deterministic mutation engine for request bodies. A well-formed operation element (the
 * child of soap:Body) is read into a tree of {@link Node}s whose text and attributes are kept as
 * <em>source</em> (already escaped), so a mutation can put anything into the document: character
 * references, raw control characters, markup that is not well-formed. Every choice comes from the
 * {@link Random} it was given, so a seed reproduces the same mutants.
 */
public final class RequestMutator {

    /** A mutated operation element: what was done to it (for the report) and its XML source. */
    public record Mutant(String kind, String description, String xml) {
    }

    /** Text put into a document as source: {@code text} goes in as it is (character references stay references). */
    public record Payload(String name, String text) {
    }

    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    /** Elements of type xsd:int in the requests and the authHeader. */
    public static final Set<String> INT_FIELDS = Set.of("numRows", "recordsPerPage", "resultsPage", "faultHttpStatusCode");
    /** Elements of type xsd:dateTime. */
    public static final Set<String> DATE_FIELDS = Set.of("execTime", "startDate", "endDate");
    /** Elements of type xsd:boolean. */
    public static final Set<String> BOOLEAN_FIELDS = Set.of("includeWaitingJobs", "overwrite", "readyForPublish",
            "createMask", "gzipResponse");

    public static final List<String> NUMBERS = List.of("2147483647", "2147483648", "-2147483648", "-2147483649", "-1",
            "-5", "0", "99999999999999999999", "-99999999999999999999", "1e3", "0x10", " 7 ", "", "NaN", "+1", "007",
            "\uFF11\uFF12", "1.5");
    public static final List<String> DATES = List.of("-999999999-01-01T00:00:00Z", "292278995-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "2026-02-30T00:00:00Z",
            "2026-01-01T24:00:00Z", "2026-01-01T00:00:00+25:00", "2026-01-01T00:00:00-14:01", "0000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "2026-01-01T00:00:00.1234567890123Z", "2026-01-01", "2026-01-01T00:00:00", "T00:00:00Z", "", "now",
            "2026-06-01T12:00:60Z");
    public static final List<String> SCHEDULES = List.of("0 0 0 31 2 ?", "0 0 0 * * ? 1970", "0 0 0 30 2 ? *",
            "0 0 0 1 1 ? 2099", "0 0 0 * * ? 3000", "0 0 0 ? * MON#6", "0 0 0 L-40 * ?", "0 0 0 ? * 8", "0 0 0 1W * ?",
            "99 99 99 * * ?", "0/0 0 0 * * ?", "* * * * * * * *", "", "   ", "@yearly", "every day at noon",
            "0 0 0 ? ? ?", "0 0 0 * * ? 2147483647", "-1 0 0 * * ?", "00 00 00 31 02 ", "60 60 24 32 13 ",
            "0 0 0 * * ?".repeat(50), "0 0 0 * * \u00A0?", "0 0 0 * * ?&#x1B;");
    public static final List<String> BOOLEANS = List.of("yes", "2", "", "TRUE", " true ", "-0", "nil");

    /** Control and non-BMP characters, as character references and raw. */
    public static final List<Payload> HOSTILE_TEXT = List.of(
            new Payload("&#x1B; (ESC as reference)", "&#x1B;"),
            new Payload("&#x1; (SOH as reference)", "&#x1;"),
            new Payload("&#0; (NUL as reference)", "&#0;"),
            new Payload("&#x7F;&#x85;&#x9F; (DEL and C1 as references)", "&#x7F;&#x85;&#x9F;"),
            new Payload("&#xFFFE; (non-character reference)", "&#xFFFE;"),
            new Payload("&#xD800; (surrogate reference)", "&#xD800;"),
            new Payload("&#x1F600; (non-BMP reference)", "&#x1F600;"),
            new Payload("&#x10FFFF; (last code point reference)", "&#x10FFFF;"),
            new Payload("raw ESC", "\u001B"),
            new Payload("raw NUL", "\u0000"),
            new Payload("raw DEL and C1", "\u007F\u0085\u009F"),
            new Payload("raw U+2028", "\u2028"),
            new Payload("raw non-BMP", "\uD83D\uDE00\uD83D\uDCA9"),
            new Payload("raw U+10FFFF", "\uDBFF\uDFFF"),
            new Payload("&#9;&#10;&#13; (tab, LF, CR references)", "&#9;&#10;&#13;"),
            new Payload("raw BOM in text", "\uFEFF"));

    /** Names and namespaces that are nobody's. */
    private static final List<String> UNKNOWN_ELEMENTS = List.of("colour", "companyHandle2", "items", "jobArray",
            "Body", "authHeader", "submitJobParam", "x");
    private static final List<String> FOREIGN_NAMESPACES = List.of("urn:fuzz:elsewhere",
            "http://www.scene7.com/IpsApi/xsd", "http://www.scene7.com/IpsApi/xsd/2008-01-15",
            "http://www.scene7.com/IpsApi/xsd/2099-01-01", "http://schemas.xmlsoap.org/soap/envelope/",
            "http://www.w3.org/2003/05/soap-envelope");

    private final Random random;

    public RequestMutator(Random random) {
        this.random = random;
    }

    // ------------------------------------------------------------------------------------------
    // the operators

    private record Operator(String kind, Function<Node, String> apply) {
    }

    private final List<Operator> operators = List.of(
            new Operator("delete", this::delete),
            new Operator("duplicate", this::duplicate),
            new Operator("swap", this::swap),
            new Operator("nest", this::nest),
            new Operator("wrap-text", this::wrapText),
            new Operator("no-namespace", this::noNamespace),
            new Operator("foreign-namespace", this::foreignNamespace),
            new Operator("unknown-element", this::unknownElement),
            new Operator("odd-attribute", this::oddAttribute),
            new Operator("xsi-type", this::xsiType),
            new Operator("typed-value", this::typedValue),
            new Operator("hostile-text", this::hostileText),
            new Operator("markup-in-text", this::markupInText),
            new Operator("empty", this::empty));

    /** One to three random operators applied to the element's source. */
    public Mutant mutate(String xml) {
        Node root = Node.parse(xml);
        int count = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(2) + 1);
        List<String> kinds = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Operator op = operators.get(random.nextInt(operators.size()));
            kinds.add(op.kind());
            done.add(op.apply().apply(root));
        }
        return new Mutant(String.join("+", kinds), String.join("; ", done), root.toXml());
    }

    /** The element with the given operator applied once (for targeted cases). */
    public Mutant mutate(String xml, String kind) {
        Node root = Node.parse(xml);
        Operator op = operators.stream().filter(o -> o.kind().equals(kind)).findFirst().orElseThrow();
        return new Mutant(kind, op.apply().apply(root), root.toXml());
    }

    /**
     * Replaces the text of every element with this local name by {@code source} (inserted as it is);
     * returns null when the element has no such child.
     */
    public static String withText(String xml, String localName, String source) {
        Node root = Node.parse(xml);
        List<Node> found = root.all().stream().filter(n -> n.name.equals(localName)).toList();
        if (found.isEmpty()) {
            return null;
        }
        found.forEach(n -> n.setText(source));
        return root.toXml();
    }

    /** True when the element (or a descendant) has this local name. */
    public static boolean has(String xml, String localName) {
        return Node.parse(xml).all().stream().anyMatch(n -> n.name.equals(localName));
    }

    /** Local names of the leaves (elements holding text only) of the element. */
    public static List<String> leaves(String xml) {
        return Node.parse(xml).all().stream().filter(Node::isLeaf).map(n -> n.name).distinct().toList();
    }

    private String delete(Node root) {
        Node n = pickNonRoot(root);
        if (n == null) {
            return "nothing to delete";
        }
        n.parent.children.remove(n);
        return "deleted <" + n.name + ">";
    }

    private String duplicate(Node root) {
        Node n = pickNonRoot(root);
        if (n == null) {
            root.children.add(root.copy(null));
            return "nested a copy of the root in itself";
        }
        int times = random.nextInt(4) == 0 ? 2 + random.nextInt(30) : 1;
        int at = n.parent.children.indexOf(n);
        for (int i = 0; i < times; i++) {
            n.parent.children.add(at + 1, n.copy(n.parent));
        }
        return "duplicated <" + n.name + "> " + times + "x";
    }

    private String swap(Node root) {
        List<Node> parents = root.all().stream().filter(p -> p.elements().size() >= 2).toList();
        if (parents.isEmpty()) {
            return duplicate(root);
        }
        Node p = parents.get(random.nextInt(parents.size()));
        List<Node> kids = p.elements();
        int a = random.nextInt(kids.size());
        int b = (a + 1 + random.nextInt(kids.size() - 1)) % kids.size();
        Node x = kids.get(a);
        Node y = kids.get(b);
        int ix = p.children.indexOf(x);
        int iy = p.children.indexOf(y);
        p.children.set(ix, y);
        p.children.set(iy, x);
        return "swapped <" + x.name + "> and <" + y.name + ">";
    }

    private String nest(Node root) {
        Node n = pickNonRoot(root);
        if (n == null) {
            return "nothing to nest";
        }
        List<Node> siblings = n.parent.elements().stream().filter(s -> s != n).toList();
        int choice = random.nextInt(3);
        if (choice == 0 && !siblings.isEmpty()) {
            Node into = siblings.get(random.nextInt(siblings.size()));
            n.parent.children.remove(n);
            into.children.add(n);
            n.parent = into;
            return "moved <" + n.name + "> into <" + into.name + ">";
        }
        String wrapper = choice == 1 ? n.name : n.parent.name;
        Node w = new Node(wrapper, n.parent);
        n.parent.children.set(n.parent.children.indexOf(n), w);
        w.children.add(n);
        n.parent = w;
        return "wrapped <" + n.name + "> in <" + wrapper + ">";
    }

    private String wrapText(Node root) {
        Node n = pickLeaf(root);
        if (n == null) {
            return "no text to wrap";
        }
        String text = n.text();
        switch (random.nextInt(4)) {
            case 0 -> n.setText(text + "<x/>");
            case 1 -> n.setText("<b>" + text + "</b>");
            case 2 -> n.setText(text + "<" + n.name + ">" + text + "</" + n.name + ">");
            default -> n.setText("<x/>" + text + "<y>z</y>");
        }
        return "wrapped the text of <" + n.name + ">: " + abbreviate(n.text());
    }

    private String noNamespace(Node root) {
        Node n = random.nextInt(4) == 0 ? root : pick(root);
        n.attributes.removeIf(a -> a.startsWith("xmlns="));
        n.attributes.add("xmlns=\"\"");
        return "<" + n.name + "> in no namespace";
    }

    private String foreignNamespace(Node root) {
        Node n = random.nextInt(4) == 0 ? root : pick(root);
        String ns = FOREIGN_NAMESPACES.get(random.nextInt(FOREIGN_NAMESPACES.size()));
        n.attributes.removeIf(a -> a.startsWith("xmlns="));
        n.attributes.add("xmlns=\"" + ns + "\"");
        return "<" + n.name + "> in namespace " + ns;
    }

    private String unknownElement(Node root) {
        Node p = pick(root);
        String name = UNKNOWN_ELEMENTS.get(random.nextInt(UNKNOWN_ELEMENTS.size()));
        Node u = new Node(name, p);
        u.children.add(random.nextBoolean() ? "blue" : "");
        p.children.add(random.nextInt(p.children.size() + 1), u);
        return "unknown <" + name + "> in <" + p.name + ">";
    }

    private String oddAttribute(Node root) {
        Node n = pick(root);
        String attribute = switch (random.nextInt(9)) {
            case 0 -> "foo=\"bar\"";
            case 1 -> "xml:lang=\"xx-\u00FF\"";
            case 2 -> "xmlns:xsi=\"" + XSI + "\" xsi:nil=\"true\"";
            case 3 -> "xmlns:p=\"urn:p\" p:a=\"1\"";
            case 4 -> "undeclared:a=\"1\"";
            case 5 -> "a=\"1\" a=\"2\"";
            case 6 -> "xml:space=\"preserve\"";
            case 7 -> "id=\"&#x1B;\"";
            default -> "href=\"#id0\"";
        };
        n.attributes.add(attribute);
        return "attribute " + attribute + " on <" + n.name + ">";
    }

    private String xsiType(Node root) {
        Node n = pick(root);
        String type = switch (random.nextInt(7)) {
            case 0 -> "xsi:type=\"foo:Bar\"";
            case 1 -> "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xsd:nonsense\"";
            case 2 -> "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xsd:int\"";
            case 3 -> "xsi:type=\"\"";
            case 4 -> "xmlns:t=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\" xsi:type=\"t:ImageServingPublishJob\"";
            case 5 -> "xmlns:t=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\" xsi:type=\"t:NoSuchType\"";
            default -> "xsi:type=\"Bar\"";
        };
        // half the time the xsi prefix itself is left undeclared
        String declaration = random.nextBoolean() ? "xmlns:xsi=\"" + XSI + "\" " : "";
        n.attributes.add(declaration + type);
        return (declaration.isEmpty() ? "undeclared xsi prefix, " : "") + type + " on <" + n.name + ">";
    }

    private String typedValue(Node root) {
        Node n = pickLeaf(root);
        if (n == null) {
            return "no value to change";
        }
        List<String> values = INT_FIELDS.contains(n.name) ? NUMBERS
                : DATE_FIELDS.contains(n.name) ? DATES
                : BOOLEAN_FIELDS.contains(n.name) ? BOOLEANS
                : n.name.equals("execSchedule") ? SCHEDULES
                : switch (random.nextInt(4)) {
                    case 0 -> NUMBERS;
                    case 1 -> DATES;
                    case 2 -> SCHEDULES;
                    default -> BOOLEANS;
                };
        String value = values.get(random.nextInt(values.size()));
        n.setText(value);
        return "<" + n.name + "> := '" + abbreviate(value) + "'";
    }

    private String hostileText(Node root) {
        Node n = pickLeaf(root);
        if (n == null) {
            return "no text";
        }
        Payload p = HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
        String text = n.text();
        n.setText(switch (random.nextInt(3)) {
            case 0 -> p.text() + text;
            case 1 -> text + p.text();
            default -> p.text();
        });
        return p.name() + " in <" + n.name + ">";
    }

    private String markupInText(Node root) {
        Node n = pickLeaf(root);
        if (n == null) {
            return "no text";
        }
        String text = n.text();
        String[] choices = {"<!-- c -->" + text, text + "<?pi x?>", "<![CDATA[" + text + "]]>", text + "]]>",
                text + "&bogus;", "&lt;" + text + "&gt;&amp;&quot;", text + "&#xFFFFFFFF;", text + "&#;", text + "&",
                text.repeat(200), " \t\n" + text + " \n"};
        String chosen = choices[random.nextInt(choices.length)];
        n.setText(chosen);
        return "text of <" + n.name + "> := " + abbreviate(chosen);
    }

    private String empty(Node root) {
        Node n = pick(root);
        n.children.clear();
        if (random.nextBoolean()) {
            n.children.add("  ");
        }
        return "emptied <" + n.name + ">";
    }

    // ------------------------------------------------------------------------------------------
    // byte-level damage

    /** The first {@code at} bytes. */
    public static byte[] truncate(byte[] body, int at) {
        byte[] cut = new byte[Math.max(0, Math.min(at, body.length))];
        System.arraycopy(body, 0, cut, 0, cut.length);
        return cut;
    }

    /** Invalid UTF-8 sequences, by name. */
    public static final Map<String, byte[]> BAD_UTF8 = Map.of(
            "C3 28 (bad continuation)", new byte[] {(byte) 0xC3, 0x28},
            "FF", new byte[] {(byte) 0xFF},
            "80 (lone continuation)", new byte[] {(byte) 0x80},
            "C0 AF (overlong /)", new byte[] {(byte) 0xC0, (byte) 0xAF},
            "ED A0 80 (encoded surrogate)", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            "F8 88 80 80 80 (5-byte form)", new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            "F4 90 80 80 (above U+10FFFF)", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            "E2 82 (truncated sequence)", new byte[] {(byte) 0xE2, (byte) 0x82});

    /** The body with the bytes inserted at the offset. */
    public static byte[] insert(byte[] body, int at, byte[] bytes) {
        byte[] out = new byte[body.length + bytes.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(body, at, out, at + bytes.length, body.length - at);
        return out;
    }

    /** Offsets just after a '>' that is followed by text (not by another tag), so the damage lands in a value. */
    public static List<Integer> textOffsets(byte[] body) {
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i + 1 < body.length; i++) {
            if (body[i] == '>' && body[i + 1] != '<') {
                offsets.add(i + 1);
            }
        }
        return offsets;
    }

    // ------------------------------------------------------------------------------------------

    private Node pick(Node root) {
        List<Node> all = root.all();
        return all.get(random.nextInt(all.size()));
    }

    private Node pickNonRoot(Node root) {
        List<Node> all = root.all().stream().filter(n -> n != root).toList();
        return all.isEmpty() ? null : all.get(random.nextInt(all.size()));
    }

    private Node pickLeaf(Node root) {
        List<Node> leaves = root.all().stream().filter(Node::isLeaf).toList();
        return leaves.isEmpty() ? null : leaves.get(random.nextInt(leaves.size()));
    }

    public static String abbreviate(String s) {
        String shown = s.codePoints().mapToObj(c -> c < 0x20 || c >= 0x7F && c < 0xA0 || c == 0x2028 || c == 0xFEFF
                || Character.isSupplementaryCodePoint(c) ? String.format("\\u{%X}", c) : Character.toString(c))
                .reduce("", String::concat);
        return shown.length() > 80 ? shown.substring(0, 77) + "...(" + s.length() + " chars)" : shown;
    }

    /** An element in source form: name, attributes as source, children (Node or String source). */
    static final class Node {
        final String name;
        final List<String> attributes = new ArrayList<>();
        final List<Object> children = new ArrayList<>();
        Node parent;

        Node(String name, Node parent) {
            this.name = name;
            this.parent = parent;
        }

        static Node parse(String xml) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
                return from(doc.getDocumentElement(), null);
            } catch (Exception e) {
                throw new IllegalArgumentException("a seed must be well-formed: " + xml, e);
            }
        }

        private static Node from(Element e, Node parent) {
            Node n = new Node(e.getTagName(), parent);
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                n.attributes.add(a.getName() + "=\"" + escape(a.getValue()) + "\"");
            }
            for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element child) {
                    n.children.add(from(child, n));
                } else if (c.getNodeType() == org.w3c.dom.Node.TEXT_NODE && !c.getNodeValue().isBlank()) {
                    n.children.add(escape(c.getNodeValue()));
                }
            }
            return n;
        }

        Node copy(Node newParent) {
            Node n = new Node(name, newParent);
            n.attributes.addAll(attributes);
            for (Object c : children) {
                n.children.add(c instanceof Node child ? child.copy(n) : c);
            }
            return n;
        }

        List<Node> elements() {
            return children.stream().filter(Node.class::isInstance).map(Node.class::cast).toList();
        }

        List<Node> all() {
            List<Node> out = new ArrayList<>();
            out.add(this);
            for (Node c : elements()) {
                out.addAll(c.all());
            }
            return out;
        }

        boolean isLeaf() {
            return elements().isEmpty() && parent != null;
        }

        String text() {
            StringBuilder b = new StringBuilder();
            children.stream().filter(String.class::isInstance).forEach(s -> b.append(s));
            return b.toString();
        }

        void setText(String source) {
            children.clear();
            children.add(source);
        }

        String toXml() {
            StringBuilder b = new StringBuilder();
            write(b);
            return b.toString();
        }

        private void write(StringBuilder b) {
            b.append('<').append(name);
            attributes.forEach(a -> b.append(' ').append(a));
            if (children.isEmpty()) {
                b.append("/>");
                return;
            }
            b.append('>');
            for (Object c : children) {
                if (c instanceof Node n) {
                    n.write(b);
                } else {
                    b.append((String) c);
                }
            }
            b.append("</").append(name).append('>');
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
        }
    }

    /** UTF-8 bytes of a string. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
