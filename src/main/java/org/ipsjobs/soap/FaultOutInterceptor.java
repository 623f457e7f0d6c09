package org.ipsjobs.soap;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Gives every fault the service sends the shape IPS documents: faultcode Client or Server,
 * a faultstring naming the exception, and a detail holding exactly one of authenticationFault,
 * authorizationFault or ipsApiFault with its code and reason. Whatever the fault came from, no stack
 * trace or internal message leaves the server. The chosen {@link IpsFault} is left in the exchange
 * for the request log.
 */
public final class FaultOutInterceptor extends AbstractSoapInterceptor {

    private final FaultMapper mapper;

    FaultOutInterceptor(SchemaIndex schema) {
        super(Phase.PRE_PROTOCOL);
        this.mapper = new FaultMapper(schema);
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        Exception content = message.getContent(Exception.class);
        if (!(content instanceof Fault fault)) {
            return;
        }
        IpsFault ips = mapper.map(fault.getCause() != null ? fault.getCause() : fault);
        message.getExchange().put(IpsFault.class, ips);
        fault.setFaultCode(ips.clientError() ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        fault.setMessage(ips.faultString());
        fault.setDetail(detail(ips));
        RequestCredentials request = message.getExchange().get(RequestCredentials.class);
        Integer status = request == null ? null : request.faultHttpStatusCode();
        if (status != null && status >= 200 && status <= 599) {
            // for clients that cannot read the body of an HTTP 500 (the authHeader's faultHttpStatusCode)
            message.put(Message.RESPONSE_CODE, status);
        }
    }

    private static Element detail(IpsFault ips) {
        Document doc = DOMUtils.createDocument();
        Element detail = doc.createElementNS(null, "detail");
        Element body = doc.createElementNS(ApiNamespaces.COMMON, "ns1:" + ips.kind().element());
        Element code = doc.createElementNS(ApiNamespaces.COMMON, "ns1:code");
        code.setTextContent(Integer.toString(ips.code()));
        Element reason = doc.createElementNS(ApiNamespaces.COMMON, "ns1:reason");
        reason.setTextContent(ips.reason());
        body.appendChild(code);
        body.appendChild(reason);
        detail.appendChild(body);
        doc.appendChild(detail);
        return detail;
    }
}
