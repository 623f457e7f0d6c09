package org.ipsjobs.soap;

import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Lets a request of an older API version carry the elements only that version had (see
 * {@link ApiVersion#extraElements()}): they are skipped, with their content, before the request is
 * bound to the canonical types, which have no place for them. The service does nothing with them.
 *
 * <p>Sits above {@link RequestReader}, so the skipped elements still count against the request
 * limits. Requests in a version without such elements pass straight through after the body's first
 * element.
 */
final class ExtraElementsInInterceptor extends AbstractPhaseInterceptor<Message> {

    private final SchemaIndex schema;

    ExtraElementsInInterceptor(SchemaIndex schema) {
        super(Phase.POST_STREAM);
        addAfter(RequestReaderInterceptor.class.getName());
        this.schema = schema;
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader != null) {
            message.setContent(XMLStreamReader.class, new SkippingReader(reader, message.getExchange(), schema));
        }
    }

    /** Skips the subtrees of the version's extra elements inside the SOAP body. */
    static final class SkippingReader extends StreamReaderDelegate {
        private static final String NONE = "";
        private final Exchange exchange;
        private final SchemaIndex schema;
        private final Deque<String> types = new ArrayDeque<>(); // from the operation element down
        private int depth;
        private boolean inBody;
        private ApiVersion version; // known once the body's element is read
        private boolean passThrough;

        SkippingReader(XMLStreamReader reader, Exchange exchange, SchemaIndex schema) {
            super(reader);
            this.exchange = exchange;
            this.schema = schema;
            if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
                depth = 1;
            }
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            while (!passThrough && event == XMLStreamConstants.START_ELEMENT && skip()) {
                int open = 1;
                while (open > 0) {
                    int e = super.next();
                    if (e == XMLStreamConstants.START_ELEMENT) {
                        open++;
                    } else if (e == XMLStreamConstants.END_ELEMENT) {
                        open--;
                    } else if (e == XMLStreamConstants.END_DOCUMENT) {
                        return e;
                    }
                }
                event = super.next();
            }
            if (!passThrough && event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                types.poll();
                if (inBody && types.isEmpty() && version != null) {
                    passThrough = true; // the operation element is closed
                }
            }
            return event;
        }

        /** Notes a start element; true when it is one to skip (it is then not counted as open). */
        private boolean skip() {
            depth++;
            String local = getLocalName();
            if (!inBody) {
                inBody = depth == 2 && "Body".equals(local);
                return false;
            }
            if (version == null) {
                // the first element in the body: the version is known now (see VersionInInterceptor)
                version = exchange.get(ApiVersion.class);
                if (version == null || !version.hasExtraElements()) {
                    passThrough = true;
                    return false;
                }
                types.push(schema.isTopElement(local) ? local : NONE);
                return false;
            }
            String parent = types.peek();
            boolean api = ApiNamespaces.CANONICAL.equals(getNamespaceURI());
            if (api && parent != null && parent != NONE && version.isExtra(parent, local)) {
                depth--;
                return true;
            }
            String type = api && parent != null && parent != NONE ? schema.childType(parent, local) : null;
            types.push(type == null ? NONE : type);
            return false;
        }

        @Override
        public int nextTag() throws XMLStreamException {
            // StreamReaderDelegate would hand nextTag to the wrapped reader, past the skipping
            int event = next();
            while (event == XMLStreamConstants.CHARACTERS && isWhiteSpace() || event == XMLStreamConstants.SPACE
                    || event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                event = next();
            }
            if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                throw new XMLStreamException("expected an element", getLocation());
            }
            return event;
        }

        @Override
        public String getElementText() throws XMLStreamException {
            StringBuilder content = new StringBuilder();
            int event = next();
            while (event != XMLStreamConstants.END_ELEMENT) {
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    content.append(getText());
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    throw new XMLStreamException("element text expected, found an element", getLocation());
                } else if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new XMLStreamException("unexpected end of document", getLocation());
                }
                event = next();
            }
            return content.toString();
        }
    }
}
