package org.ipsjobs.soap;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses a request whose body holds no operation element. CXF finds the operation from the
 * SOAPAction alone and would otherwise call it with nothing to work on.
 */
final class EmptyBodyInterceptor extends AbstractPhaseInterceptor<Message> {

    EmptyBodyInterceptor() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) {
        MessageContentsList args = MessageContentsList.getContentsList(message);
        if (args == null || args.isEmpty() || args.get(0) == null) {
            throw new Fault(new MalformedRequestException(
                    "The SOAP body holds no operation element; send one such as submitJobParam"));
        }
    }
}
