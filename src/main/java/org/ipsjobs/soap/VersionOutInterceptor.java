package org.ipsjobs.soap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.apache.cxf.interceptor.AbstractOutDatabindingInterceptor;
import org.apache.cxf.interceptor.StaxOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.staxutils.DelegatingXMLStreamWriter;
import org.apache.cxf.staxutils.transform.OutTransformWriter;

/**
 * Answers a request in the API version it was made in: the canonical namespace becomes the
 * version's, and every element the version did not have is left out, with all it contains.
 */
final class VersionOutInterceptor extends AbstractPhaseInterceptor<Message> {

    private final SchemaIndex schema;

    VersionOutInterceptor(SchemaIndex schema) {
        super(Phase.PRE_STREAM);
        addAfter(StaxOutInterceptor.class.getName());
        this.schema = schema;
    }

    @Override
    public void handleMessage(Message message) {
        ApiVersion version = message.getExchange().get(ApiVersion.class);
        XMLStreamWriter writer = message.getContent(XMLStreamWriter.class);
        if (version == null || version.isCanonical() || writer == null) {
            return;
        }
        // JAXB would otherwise write the payload straight to the output stream, past these writers
        message.put(AbstractOutDatabindingInterceptor.DISABLE_OUTPUTSTREAM_OPTIMIZATION, Boolean.TRUE);
        XMLStreamWriter renamed = new OutTransformWriter(writer,
                Map.of("{" + ApiNamespaces.CANONICAL + "}*", "{" + version.namespace() + "}*"), Map.of(), null, null,
                false, null);
        message.setContent(XMLStreamWriter.class, new DroppingWriter(renamed, version, schema));
    }

    /**
     * Passes events on, except the subtrees of elements the version lacks. It tracks the schema type
     * of each open element (the same name can be present in one type and missing in another).
     */
    private static final class DroppingWriter extends DelegatingXMLStreamWriter {
        private static final String NONE = "";
        private final ApiVersion version;
        private final SchemaIndex schema;
        private final Deque<String> types = new ArrayDeque<>();
        private int dropDepth;

        DroppingWriter(XMLStreamWriter delegate, ApiVersion version, SchemaIndex schema) {
            super(delegate);
            this.version = version;
            this.schema = schema;
        }

        private boolean enter(String namespace, String local) {
            if (dropDepth > 0) {
                dropDepth++;
                return false;
            }
            String parent = types.peek();
            boolean api = ApiNamespaces.CANONICAL.equals(namespace);
            if (api && parent != null && parent != NONE && !version.has(parent, local)) {
                dropDepth = 1;
                return false;
            }
            String type = null;
            if (api) {
                type = parent == null || parent == NONE
                        ? (schema.isTopElement(local) ? local : null)
                        : schema.childType(parent, local);
            }
            types.push(type == null ? NONE : type);
            return true;
        }

        @Override
        public void writeStartElement(String local) throws XMLStreamException {
            if (enter(getNamespaceContext().getNamespaceURI(""), local)) {
                super.writeStartElement(local);
            }
        }

        @Override
        public void writeStartElement(String namespace, String local) throws XMLStreamException {
            if (enter(namespace, local)) {
                super.writeStartElement(namespace, local);
            }
        }

        @Override
        public void writeStartElement(String prefix, String local, String namespace) throws XMLStreamException {
            if (enter(namespace, local)) {
                super.writeStartElement(prefix, local, namespace);
            }
        }

        @Override
        public void writeEmptyElement(String namespace, String local) throws XMLStreamException {
            if (enter(namespace, local)) {
                types.pop();
                super.writeEmptyElement(namespace, local);
            } else {
                dropDepth--;
            }
        }

        @Override
        public void writeEmptyElement(String prefix, String local, String namespace) throws XMLStreamException {
            if (enter(namespace, local)) {
                types.pop();
                super.writeEmptyElement(prefix, local, namespace);
            } else {
                dropDepth--;
            }
        }

        @Override
        public void writeEndElement() throws XMLStreamException {
            if (dropDepth > 0) {
                dropDepth--;
                return;
            }
            types.poll();
            super.writeEndElement();
        }

        @Override
        public void writeCharacters(String text) throws XMLStreamException {
            if (dropDepth == 0) {
                super.writeCharacters(text);
            }
        }

        @Override
        public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
            if (dropDepth == 0) {
                super.writeCharacters(text, start, len);
            }
        }

        @Override
        public void writeAttribute(String local, String value) throws XMLStreamException {
            if (dropDepth == 0) {
                super.writeAttribute(local, value);
            }
        }

        @Override
        public void writeAttribute(String namespace, String local, String value) throws XMLStreamException {
            if (dropDepth == 0) {
                super.writeAttribute(namespace, local, value);
            }
        }

        @Override
        public void writeAttribute(String prefix, String namespace, String local, String value)
                throws XMLStreamException {
            if (dropDepth == 0) {
                super.writeAttribute(prefix, namespace, local, value);
            }
        }

        @Override
        public void writeNamespace(String prefix, String namespace) throws XMLStreamException {
            if (dropDepth == 0) {
                super.writeNamespace(prefix, namespace);
            }
        }

        @Override
        public void writeDefaultNamespace(String namespace) throws XMLStreamException {
            if (dropDepth == 0) {
                super.writeDefaultNamespace(namespace);
            }
        }
    }
}
