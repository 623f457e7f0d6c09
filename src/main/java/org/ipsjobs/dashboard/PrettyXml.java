package org.ipsjobs.dashboard;

import java.io.StringReader;
import java.io.StringWriter;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Indents a recorded request or answer for reading. The journal's bodies are already redacted; this
 * only lays them out. A body that is not well-formed XML (the journal keeps what arrived) is shown as
 * it is. The parser resolves no DTDs or entities.
 */
final class PrettyXml {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private PrettyXml() {
    }

    static String format(String xml) {
        if (xml == null || xml.isBlank()) {
            return "(no body recorded)";
        }
        try {
            return indent(xml);
        } catch (XMLStreamException | RuntimeException e) {
            return xml;
        }
    }

    private static String indent(String xml) throws XMLStreamException {
        XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
        StringWriter out = new StringWriter(xml.length() + 256);
        int depth = 0;
        boolean textOnly = false; // the open element has held only text so far
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    out.append('\n').append("  ".repeat(depth)).append('<').append(name(r.getPrefix(), r.getLocalName()));
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        String prefix = r.getNamespacePrefix(i);
                        out.append(' ').append(prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix)
                                .append("=\"").append(r.getNamespaceURI(i)).append('"');
                    }
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        out.append(' ').append(name(r.getAttributePrefix(i), r.getAttributeLocalName(i))).append("=\"")
                                .append(r.getAttributeValue(i)).append('"');
                    }
                    out.append('>');
                    depth++;
                    textOnly = true;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!r.isWhiteSpace()) {
                        out.append(r.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (!textOnly) {
                        out.append('\n').append("  ".repeat(depth));
                    }
                    out.append("</").append(name(r.getPrefix(), r.getLocalName())).append('>');
                    textOnly = false;
                }
                default -> {
                    // comments and processing instructions are left out of the view
                }
            }
        }
        return out.toString().strip();
    }

    private static String name(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }
}
