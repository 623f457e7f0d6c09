package org.ipsjobs.soap;

import java.util.HashMap;
import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamReader;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.SoapActionInInterceptor;
import org.apache.cxf.binding.soap.interceptor.StartBodyInterceptor;
import org.apache.cxf.binding.soap.model.SoapOperationInfo;
import org.apache.cxf.endpoint.Endpoint;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.service.model.MessagePartInfo;
import org.apache.cxf.staxutils.DepthXMLStreamReader;
import org.apache.cxf.staxutils.StaxUtils;

/**
 * Decides which operation a request calls, from the element in its body, before anything is
 * unmarshalled, and refuses with reasons of our own: an empty body, a body element that is no
 * operation's request, and a SOAPAction that names an unknown operation or another one than the body.
 * The SOAPAction may be empty (SOAP 1.2 clients usually send none).
 */
final class OperationSelectionInterceptor extends AbstractSoapInterceptor {

    /** The endpoint's operations by request element and by SOAPAction; built on the first request. */
    private record Operations(Map<QName, BindingOperationInfo> byElement, Map<String, BindingOperationInfo> byAction) {
        static Operations of(Endpoint endpoint) {
            Map<QName, BindingOperationInfo> byElement = new HashMap<>();
            Map<String, BindingOperationInfo> byAction = new HashMap<>();
            for (BindingOperationInfo op : endpoint.getEndpointInfo().getBinding().getOperations()) {
                for (MessagePartInfo part : op.getInput().getMessageParts()) {
                    byElement.put(part.getElementQName(), op);
                }
                SoapOperationInfo soap = op.getExtensor(SoapOperationInfo.class);
                byAction.put(soap != null && soap.getAction() != null && !soap.getAction().isEmpty()
                        ? soap.getAction() : op.getName().getLocalPart(), op);
            }
            return new Operations(Map.copyOf(byElement), Map.copyOf(byAction));
        }
    }

    private volatile Operations operations;

    OperationSelectionInterceptor() {
        super(Phase.READ);
        addAfter(SoapActionInInterceptor.class.getName());
        addAfter(StartBodyInterceptor.class.getName()); // which moves the reader inside the Body
    }

    @Override
    public void handleMessage(SoapMessage message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        Endpoint endpoint = message.getExchange().getEndpoint();
        if (reader == null || endpoint == null) {
            return;
        }
        if (!StaxUtils.toNextElement(new DepthXMLStreamReader(reader))) {
            throw new Fault(new MalformedRequestException(
                    "The SOAP body holds no operation element; send one such as submitJobParam"));
        }
        Operations known = operations;
        if (known == null) {
            known = Operations.of(endpoint);
            operations = known;
        }
        QName body = reader.getName();
        BindingOperationInfo operation = known.byElement().get(body);
        if (operation == null) {
            throw new Fault(new MalformedRequestException("The request body element " + body.getLocalPart()
                    + (body.getNamespaceURI().isEmpty() ? " (in no namespace)" : " in namespace " + body.getNamespaceURI())
                    + " is not an operation of this service; requests are elements such as submitJobParam in an"
                    + " IPS API namespace"));
        }
        String action = SoapActionInInterceptor.getSoapAction(message);
        if (action != null && !action.isBlank()) {
            BindingOperationInfo named = known.byAction().get(action.trim());
            String operationName = operation.getName().getLocalPart();
            if (named == null) {
                throw new Fault(new MalformedRequestException("The SOAPAction '" + FaultMapper.clip(action)
                        + "' names no operation of this service; the body holds " + body.getLocalPart()
                        + ", the request of " + operationName + ", so send SOAPAction " + operationName + " or none"));
            }
            if (named != operation) {
                throw new Fault(new MalformedRequestException("The SOAPAction names " + named.getName().getLocalPart()
                        + " but the body holds " + body.getLocalPart() + ", the request of " + operationName));
            }
        }
        message.getExchange().put(BindingOperationInfo.class, operation);
    }
}
