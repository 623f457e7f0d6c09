package org.ipsjobs.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Gives every fault the service sends the shape IPS documents: a SOAP fault code (Client or Server,
 * or MustUnderstand and VersionMismatch where SOAP calls for them), a faultstring naming the
 * exception, and a detail holding exactly one of authenticationFault, authorizationFault or
 * ipsApiFault with its code and reason. Whatever the fault came from, no stack trace or internal
 * message leaves the server. The chosen {@link IpsFault} is left in the exchange for the request log.
 */
public final class FaultOutInterceptor extends AbstractSoapInterceptor {

    private final FaultMapper mapper;
    private final Set<QName> understood;

    /**
     * @param understood the headers the service understands, so that the others named by a
     *        MustUnderstand fault can be listed
     */
    FaultOutInterceptor(SchemaIndex schema, Set<QName> understood) {
        super(Phase.PRE_PROTOCOL);
        this.mapper = new FaultMapper(schema);
        this.understood = Set.copyOf(understood);
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        Exception content = message.getContent(Exception.class);
        if (!(content instanceof Fault fault)) {
            return;
        }
        Message in = message.getExchange().getInMessage();
        RequestReader reader = message.getExchange().get(RequestReader.class);
        IpsFault ips = mapper.map(fault.getCause() != null ? fault.getCause() : fault,
                reader == null ? null : reader.position(), notUnderstood(in),
                message.getExchange().get(RequestCredentials.class));
        message.getExchange().put(IpsFault.class, ips);
        SoapVersion version = message.getVersion();
        fault.setFaultCode(switch (ips.soapCode()) {
            case CLIENT -> Fault.FAULT_CODE_CLIENT;
            case SERVER -> Fault.FAULT_CODE_SERVER;
            case MUST_UNDERSTAND -> version.getMustUnderstand();
            case VERSION_MISMATCH -> version.getVersionMismatch();
        });
        fault.setMessage(ips.faultString());
        fault.setDetail(detail(ips));
        RequestCredentials request = message.getExchange().get(RequestCredentials.class);
        message.put(Message.RESPONSE_CODE, request == null ? RequestCredentials.DEFAULT_FAULT_STATUS
                : request.faultStatus());
    }

    private List<QName> notUnderstood(Message in) {
        List<QName> names = new ArrayList<>();
        if (in instanceof SoapMessage soap) {
            for (Header header : soap.getHeaders()) {
                if (header instanceof SoapHeader h && h.isMustUnderstand() && !understood.contains(h.getName())) {
                    names.add(h.getName());
                }
            }
        }
        return names;
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
