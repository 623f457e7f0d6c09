package org.ipsjobs.soap;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * The stream every part of the service reads a SOAP request through. It enforces the structural
 * limits of {@link RequestLimits} with messages of our own, and remembers where in the body it is, so
 * that when a reader above it (JAXB and the schema validator) gives up, the fault can say which
 * element was wrong without reading anybody's error message. It also refuses XML 1.1 documents: IPS
 * speaks XML 1.0, and XML 1.1 admits control characters that no XML 1.0 answer could carry back.
 *
 * <p>Used by one request on one thread.
 */
final class RequestReader extends StreamReaderDelegate {

    /** Where the reader was at a moment, as far as the SOAP body is concerned. */
    enum Event { NONE, START, END, TEXT }

    /**
     * @param path the open elements from the body's operation element down; for an END event, the
     *        element just closed is the last one
     * @param event the last event read inside the body
     * @param children the child elements seen so far, in order: for a START event those of the
     *        parent (ending with the element just started), else those of the last element of the path
     * @param text the text of the last element read so far (clipped), or null
     * @param attributes whether the element of a START event carries attributes
     * @param namespace the namespace of the element of a START event, else null
     */
    record Position(List<String> path, Event event, List<String> children, String text, boolean attributes,
            String namespace) {
        String element() {
            return path.isEmpty() ? null : path.get(path.size() - 1);
        }

        String parent() {
            return path.size() < 2 ? null : path.get(path.size() - 2);
        }
    }

    private static final int TEXT_KEPT = 80;

    /** One open element and what has been seen inside it. */
    private static final class Frame {
        final String name;
        final List<String> children = new ArrayList<>(4);
        int childCount;
        long textLength;
        StringBuilder text;

        Frame(String name) {
            this.name = name;
        }
    }

    private final RequestLimits limits;
    private final List<Frame> open = new ArrayList<>();
    private Frame closed; // the frame of the element whose END was read last
    private Event last = Event.NONE;
    private boolean lastHadAttributes;
    private String lastNamespace;
    private long elements;
    private int bodyDepth = -1; // depth of the SOAP Body element, once seen

    RequestReader(XMLStreamReader reader, RequestLimits limits) {
        super(reader);
        this.limits = limits;
        if ("1.1".equals(reader.getVersion())) {
            throw new MalformedRequestException("The request is an XML 1.1 document; IPS reads XML 1.0 only, so"
                    + " declare version=\"1.0\" (or no version)");
        }
        if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
            try {
                started();
            } catch (RequestLimitException e) {
                throw new MalformedRequestException(e.getMessage());
            }
        }
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> started();
            case XMLStreamConstants.END_ELEMENT -> ended();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
            default -> {
                // comments, processing instructions and the document's end carry nothing to check
            }
        }
        return event;
    }

    @Override
    public int nextTag() throws XMLStreamException {
        // StreamReaderDelegate would hand nextTag to the wrapped reader and skip our bookkeeping
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
        // read through next() for the same reason as nextTag
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

    private void started() throws RequestLimitException {
        elements++;
        if (elements > limits.maxElementCount()) {
            throw new RequestLimitException("The request holds more than " + limits.maxElementCount() + " elements");
        }
        if (open.size() + 1 > limits.maxElementDepth()) {
            throw new RequestLimitException("The request nests elements more than " + limits.maxElementDepth()
                    + " levels deep");
        }
        String name = getLocalName();
        int attributes = getAttributeCount();
        if (attributes > limits.maxAttributeCount()) {
            throw new RequestLimitException("Element " + name + " has more than " + limits.maxAttributeCount()
                    + " attributes");
        }
        for (int i = 0; i < attributes; i++) {
            String value = getAttributeValue(i);
            if (value != null && value.length() > limits.maxAttributeSize()) {
                throw new RequestLimitException("An attribute of element " + name + " is longer than "
                        + limits.maxAttributeSize() + " characters");
            }
        }
        if (!open.isEmpty()) {
            Frame parent = open.get(open.size() - 1);
            parent.childCount++;
            if (parent.childCount > limits.maxChildElements()) {
                throw new RequestLimitException("Element " + parent.name + " holds more than "
                        + limits.maxChildElements() + " child elements");
            }
            if (open.size() == bodyDepth && parent.childCount > 1) {
                throw new MalformedRequestException("The SOAP body holds more than one element (a second one, "
                        + name + ", follows the operation's); send one operation per request");
            }
            if (inBody(open.size()) && parent.children.size() < 64) {
                parent.children.add(name);
            }
        }
        open.add(new Frame(name));
        if (bodyDepth < 0 && "Body".equals(name) && open.size() == 2) {
            bodyDepth = open.size();
        }
        last = Event.START;
        lastHadAttributes = attributes > 0;
        lastNamespace = getNamespaceURI();
    }

    private void ended() {
        if (!open.isEmpty()) {
            closed = open.remove(open.size() - 1);
        }
        last = Event.END;
    }

    private void text() throws RequestLimitException {
        if (open.isEmpty()) {
            return;
        }
        Frame frame = open.get(open.size() - 1);
        int length = getTextLength();
        frame.textLength += length;
        if (frame.textLength > limits.maxTextLength()) {
            throw new RequestLimitException("The text of element " + frame.name + " is longer than "
                    + limits.maxTextLength() + " characters");
        }
        if (inBody(open.size()) && (frame.text == null || frame.text.length() < TEXT_KEPT)) {
            if (frame.text == null) {
                frame.text = new StringBuilder();
            }
            int keep = Math.min(length, TEXT_KEPT - frame.text.length());
            frame.text.append(getTextCharacters(), getTextStart(), keep);
        }
        if (!isWhiteSpace()) {
            last = Event.TEXT;
        }
    }

    /** True for elements inside the Body (its operation element and below) at this depth. */
    private boolean inBody(int depth) {
        return bodyDepth > 0 && depth > bodyDepth;
    }

    /** Where the reader stands in the body now. */
    Position position() {
        List<String> path = new ArrayList<>();
        int from = bodyDepth > 0 ? bodyDepth : open.size();
        for (int i = from; i < open.size(); i++) {
            path.add(open.get(i).name);
        }
        Frame frame;
        if (last == Event.END && closed != null) {
            path.add(closed.name);
            frame = closed;
        } else if (last == Event.START) {
            frame = open.size() < 2 ? null : open.get(open.size() - 2);
        } else {
            frame = open.isEmpty() ? null : open.get(open.size() - 1);
        }
        if (path.isEmpty() || frame == null) {
            return new Position(List.of(), Event.NONE, List.of(), null, false, null);
        }
        Frame own = last == Event.END ? closed : open.get(open.size() - 1);
        return new Position(List.copyOf(path), last, List.copyOf(frame.children),
                own.text == null ? null : own.text.toString().strip(), last == Event.START && lastHadAttributes,
                last == Event.START ? lastNamespace : null);
    }

    /** A request that passes one of the structural limits; its message names the limit. */
    static final class RequestLimitException extends XMLStreamException {
        RequestLimitException(String message) {
            super(message);
        }
    }
}
