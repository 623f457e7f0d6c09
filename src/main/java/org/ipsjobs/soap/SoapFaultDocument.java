package org.ipsjobs.soap;

import java.nio.charset.StandardCharsets;

import org.ipsjobs.jobs.model.ApiText;

/**
 * Fault documents written without CXF: SOAP fault envelopes for the refusals made before a request
 * reaches it (a body too large or too slow, a method or charset the endpoint does not take), with
 * the same shape as the faults {@link FaultOutInterceptor} shapes inside CXF, so a client cannot
 * tell where a fault came from; and the bare fault element the plain-XML API answers with.
 */
public final class SoapFaultDocument {

    /** The media type of SOAP 1.2 messages; anything else is taken as SOAP 1.1. */
    public static final String SOAP12_MEDIA_TYPE = "application/soap+xml";

    private SoapFaultDocument() {
    }

    /** True when a request with this Content-Type (null allowed) is SOAP 1.2. */
    public static boolean isSoap12(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(java.util.Locale.ROOT).startsWith(SOAP12_MEDIA_TYPE);
    }

    /** The Content-Type of a fault answer in the given SOAP version. */
    public static String contentType(boolean soap12) {
        return (soap12 ? SOAP12_MEDIA_TYPE : "text/xml") + ";charset=UTF-8";
    }

    /** A Client (SOAP 1.2: Sender) ipsApiFault with the given code and reason, as UTF-8 bytes. */
    public static byte[] clientFault(boolean soap12, int code, String reason) {
        return write(soap12, IpsFault.api(code, reason));
    }

    /** The fault as UTF-8 bytes of a SOAP 1.1 or 1.2 envelope. */
    public static byte[] write(boolean soap12, IpsFault fault) {
        String detail = "<ns1:" + fault.kind().element() + " xmlns:ns1=\"" + ApiNamespaces.COMMON + "\"><ns1:code>"
                + fault.code() + "</ns1:code><ns1:reason>" + escape(fault.reason()) + "</ns1:reason></ns1:"
                + fault.kind().element() + ">";
        String text;
        if (soap12) {
            text = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><soap:Fault>"
                    + "<soap:Code><soap:Value>soap:" + code(fault.soapCode(), true) + "</soap:Value>"
                    + "</soap:Code><soap:Reason><soap:Text xml:lang=\"en\">" + escape(fault.faultString())
                    + "</soap:Text></soap:Reason><soap:Detail>" + detail + "</soap:Detail></soap:Fault></soap:Body>"
                    + "</soap:Envelope>";
        } else {
            text = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                    + "<faultcode>soap:" + code(fault.soapCode(), false) + "</faultcode><faultstring>"
                    + escape(fault.faultString()) + "</faultstring><detail>" + detail + "</detail></soap:Fault>"
                    + "</soap:Body></soap:Envelope>";
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The fault as a document of its own, the way IPS's plain-XML API answers: the fault element in
     * {@link ApiNamespaces#COMMON} as the root, its namespace the default one so that readers that
     * ignore namespaces find {@code /ipsApiFault/code}.
     */
    public static byte[] bare(IpsFault fault) {
        String element = fault.kind().element();
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + element + " xmlns=\"" + ApiNamespaces.COMMON + "\"><code>"
                + fault.code() + "</code><reason>" + escape(fault.reason()) + "</reason></" + element + ">")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The local name of a SOAP fault code in SOAP 1.1 or 1.2. */
    static String code(IpsFault.SoapCode code, boolean soap12) {
        return switch (code) {
            case CLIENT -> soap12 ? "Sender" : "Client";
            case SERVER -> soap12 ? "Receiver" : "Server";
            case MUST_UNDERSTAND -> "MustUnderstand";
            case VERSION_MISMATCH -> "VersionMismatch";
        };
    }

    /** Text escaped for element content, with characters XML 1.0 cannot carry replaced. */
    static String escape(String text) {
        String clean = ApiText.cleaned(text);
        StringBuilder out = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
