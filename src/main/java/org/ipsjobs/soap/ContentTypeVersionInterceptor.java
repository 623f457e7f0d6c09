package org.ipsjobs.soap;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;

/**
 * Takes the request's SOAP version from its Content-Type (application/soap+xml for SOAP 1.2, text/xml
 * for SOAP 1.1) before anything is read. The endpoint is a SOAP 1.2 one, so without this a request
 * whose envelope cannot be read at all would be answered in SOAP 1.2 whatever the client speaks; once
 * the envelope is read, its own namespace decides.
 */
final class ContentTypeVersionInterceptor extends AbstractSoapInterceptor {

    ContentTypeVersionInterceptor() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        message.setVersion(SoapFaultDocument.isSoap12((String) message.get(Message.CONTENT_TYPE))
                ? Soap12.getInstance() : Soap11.getInstance());
    }
}
