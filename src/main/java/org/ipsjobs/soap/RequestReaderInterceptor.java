package org.ipsjobs.soap;

import javax.xml.stream.XMLStreamReader;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Puts a {@link RequestReader} on top of the request's XML stream, so that everything after it reads
 * the request through the same limits and position tracking, and leaves the reader in the exchange
 * for the fault mapping.
 */
final class RequestReaderInterceptor extends AbstractPhaseInterceptor<Message> {

    private final RequestLimits limits;

    RequestReaderInterceptor(RequestLimits limits) {
        super(Phase.POST_STREAM);
        addAfter(VersionInInterceptor.class.getName());
        this.limits = limits;
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamReader stream = message.getContent(XMLStreamReader.class);
        if (stream == null) {
            return;
        }
        try {
            RequestReader reader = new RequestReader(stream, limits);
            message.getExchange().put(RequestReader.class, reader);
            message.setContent(XMLStreamReader.class, reader);
        } catch (MalformedRequestException e) {
            throw new Fault(e);
        }
    }
}
