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
 * version's, every element the version did not have is left out with all it contains, and the few
 * elements a version named or nested differently are written its way (see {@link ApiVersion}).
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
        message.setContent(XMLStreamWriter.class, versioned(writer, version, schema));
    }

    /** A writer that writes what is written to it in a non-canonical version's names onto {@code writer}. */
    static XMLStreamWriter versioned(XMLStreamWriter writer, ApiVersion version, SchemaIndex schema) {
        XMLStreamWriter renamed = new OutTransformWriter(writer,
                Map.of("{" + ApiNamespaces.CANONICAL + "}*", "{" + version.namespace() + "}*"), Map.of(), null, null,
                false, null);
        return new DroppingWriter(renamed, version, schema);
    }

    /**
     * Passes events on, except the subtrees of elements the version lacks; writes an element under the
     * name the version gave it, and leaves out the tags (not the content) of an element the version's
     * answers carried inline. It tracks the canonical schema type of each open element (the same name
     * can be present in one type and missing in another).
     */
    private static final class DroppingWriter extends DelegatingXMLStreamWriter {
        private static final String NONE = "";
        private final ApiVersion version;
        private final SchemaIndex schema;
        private final Deque<String> types = new ArrayDeque<>();
        private final Deque<Boolean> written = new ArrayDeque<>();
        private int dropDepth;

        DroppingWriter(XMLStreamWriter delegate, ApiVersion version, SchemaIndex schema) {
            super(delegate);
            this.version = version;
            this.schema = schema;
        }

        /**
         * Opens an element: its name as the version writes it, or null when nothing is to be written
         * for it (it is dropped with its content, or only its tags are left out).
         */
        private String enter(String namespace, String local) {
            if (dropDepth > 0) {
                dropDepth++;
                return null;
            }
            String parent = types.peek();
            boolean api = ApiNamespaces.CANONICAL.equals(namespace);
            boolean inType = api && parent != null && parent != NONE;
            if (inType && !version.has(parent, local)) {
                dropDepth = 1;
                return null;
            }
            String type = null;
            if (api) {
                type = parent == null || parent == NONE
                        ? (schema.isTopElement(local) ? local : null)
                        : schema.childType(parent, local);
            }
            types.push(type == null ? NONE : type);
            boolean inline = inType && version.inlines(parent, local);
            written.push(!inline);
            return inline ? null : inType ? version.nameOf(parent, local) : local;
        }

        /** Closes what {@link #enter} opened; true when its end tag is to be written. */
        private boolean leave() {
            if (dropDepth > 0) {
                dropDepth--;
                return false;
            }
            types.poll();
            Boolean tags = written.poll();
            return tags == null || tags;
        }

        @Override
        public void writeStartElement(String local) throws XMLStreamException {
            String name = enter(getNamespaceContext().getNamespaceURI(""), local);
            if (name != null) {
                super.writeStartElement(name);
            }
        }

        @Override
        public void writeStartElement(String namespace, String local) throws XMLStreamException {
            String name = enter(namespace, local);
            if (name != null) {
                super.writeStartElement(namespace, name);
            }
        }

        @Override
        public void writeStartElement(String prefix, String local, String namespace) throws XMLStreamException {
            String name = enter(namespace, local);
            if (name != null) {
                super.writeStartElement(prefix, name, namespace);
            }
        }

        @Override
        public void writeEmptyElement(String namespace, String local) throws XMLStreamException {
            String name = enter(namespace, local);
            if (leave() && name != null) {
                super.writeEmptyElement(namespace, name);
            }
        }

        @Override
        public void writeEmptyElement(String prefix, String local, String namespace) throws XMLStreamException {
            String name = enter(namespace, local);
            if (leave() && name != null) {
                super.writeEmptyElement(prefix, name, namespace);
            }
        }

        @Override
        public void writeEndElement() throws XMLStreamException {
            if (leave()) {
                super.writeEndElement();
            }
        }

        /** True while the events written belong to an element that is written or kept inline. */
        private boolean passing() {
            return dropDepth == 0;
        }

        /** True while attributes and namespace declarations belong to a start tag that is written. */
        private boolean tagOpen() {
            return dropDepth == 0 && !Boolean.FALSE.equals(written.peek());
        }

        @Override
        public void writeCharacters(String text) throws XMLStreamException {
            if (passing()) {
                super.writeCharacters(text);
            }
        }

        @Override
        public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
            if (passing()) {
                super.writeCharacters(text, start, len);
            }
        }

        @Override
        public void writeAttribute(String local, String value) throws XMLStreamException {
            if (tagOpen()) {
                super.writeAttribute(local, value);
            }
        }

        @Override
        public void writeAttribute(String namespace, String local, String value) throws XMLStreamException {
            if (tagOpen()) {
                super.writeAttribute(namespace, local, value);
            }
        }

        @Override
        public void writeAttribute(String prefix, String namespace, String local, String value)
                throws XMLStreamException {
            if (tagOpen()) {
                super.writeAttribute(prefix, namespace, local, value);
            }
        }

        @Override
        public void writeNamespace(String prefix, String namespace) throws XMLStreamException {
            if (tagOpen()) {
                super.writeNamespace(prefix, namespace);
            }
        }

        @Override
        public void writeDefaultNamespace(String namespace) throws XMLStreamException {
            if (tagOpen()) {
                super.writeDefaultNamespace(namespace);
            }
        }
    }
}
