package org.ipsjobs.soap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Reads what follows the operation element before anything runs: only the end of the Body and of
 * the Envelope may come after it. CXF stops reading once it has the operation, so without this a
 * second Body, or anything smuggled after the first, would go unnoticed.
 */
final class TrailingContentInterceptor extends AbstractPhaseInterceptor<Message> {

    TrailingContentInterceptor() {
        super(Phase.POST_UNMARSHAL);
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader == null) {
            return;
        }
        try {
            int ends = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.END_ELEMENT -> ends++;
                    case XMLStreamConstants.START_ELEMENT -> throw new Fault(new MalformedRequestException(
                            "The envelope holds more than one operation or content after its Body (element "
                                    + reader.getLocalName() + ")"));
                    case XMLStreamConstants.CHARACTERS -> {
                        if (!reader.isWhiteSpace()) {
                            throw new Fault(new MalformedRequestException("The envelope holds text after its Body"));
                        }
                    }
                    default -> {
                        // whitespace, comments and processing instructions are harmless
                    }
                }
                if (ends > 2) {
                    throw new Fault(new MalformedRequestException("The envelope does not end after its Body"));
                }
            }
        } catch (XMLStreamException e) {
            throw new Fault(e);
        }
    }
}
