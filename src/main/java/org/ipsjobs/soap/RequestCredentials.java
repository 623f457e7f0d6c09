package org.ipsjobs.soap;

import java.util.List;
import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.headers.Header;
import org.ipsjobs.auth.Credentials;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a request says about its caller, whichever of the documented styles it uses: the authHeader
 * SOAP header (in the unversioned or the versioned namespace, with or without mustUnderstand), the
 * pre-3.8 AuthUser / AuthPassword headers, or HTTP Basic sent with the request. When several are
 * present, that order decides.
 *
 * @param credentials the user and password, or null when the request carries none
 * @param locale authHeader/locale, or null
 * @param appName authHeader/appName, or null
 * @param appVersion authHeader/appVersion, or null
 * @param gzipResponse authHeader/gzipResponse, or null when not sent
 * @param faultHttpStatusCode authHeader/faultHttpStatusCode, or null when not sent
 */
record RequestCredentials(Credentials credentials, String locale, String appName, String appVersion,
        Boolean gzipResponse, Integer faultHttpStatusCode) {

    static final String AUTH_HEADER = "authHeader";
    /** The HTTP status of a fault unless the authHeader asks for one IPS clients can use instead. */
    static final int DEFAULT_FAULT_STATUS = 500;
    static final QName AUTH_USER = new QName(ApiNamespaces.LEGACY_AUTH, "AuthUser");
    static final QName AUTH_PASSWORD = new QName(ApiNamespaces.LEGACY_AUTH, "AuthPassword");

    /**
     * The HTTP status a fault answer gets: faultHttpStatusCode when it is 200 (for clients, such as
     * Flash, that cannot read the body of an error) or 500, else 500. Other statuses are ignored:
     * 204 or 304 would drop the fault's body, 3xx would redirect, and 4xx statuses mean something
     * else to HTTP clients.
     */
    int faultStatus() {
        return faultHttpStatusCode != null && faultHttpStatusCode == 200 ? 200 : DEFAULT_FAULT_STATUS;
    }

    /** Reads the request's headers; never fails on content it does not understand. */
    static RequestCredentials from(SoapMessage message, Set<String> authHeaderNamespaces) {
        List<Header> headers = message.getHeaders();
        Element authHeader = null;
        String legacyUser = null;
        String legacyPassword = null;
        for (Header header : headers) {
            QName name = header.getName();
            if (!(header.getObject() instanceof Element element)) {
                continue;
            }
            if (AUTH_HEADER.equals(name.getLocalPart()) && authHeaderNamespaces.contains(name.getNamespaceURI())) {
                authHeader = element;
            } else if (AUTH_USER.equals(name)) {
                legacyUser = element.getTextContent();
            } else if (AUTH_PASSWORD.equals(name)) {
                legacyPassword = element.getTextContent();
            }
        }
        if (authHeader != null) {
            String user = child(authHeader, "user");
            Credentials credentials = user == null ? null : new Credentials(user, child(authHeader, "password"));
            return new RequestCredentials(credentials, child(authHeader, "locale"), child(authHeader, "appName"),
                    child(authHeader, "appVersion"), bool(child(authHeader, "gzipResponse")),
                    integer(child(authHeader, "faultHttpStatusCode")));
        }
        if (legacyUser != null) {
            return new RequestCredentials(new Credentials(legacyUser.trim(), legacyPassword), null, null, null, null,
                    null);
        }
        AuthorizationPolicy basic = message.get(AuthorizationPolicy.class);
        if (basic != null && basic.getUserName() != null) {
            return new RequestCredentials(new Credentials(basic.getUserName(), basic.getPassword()), null, null, null,
                    null, null);
        }
        return new RequestCredentials(null, null, null, null, null, null);
    }

    /** Text of the first child element with this local name, whatever its namespace; null if absent. */
    private static String child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return null;
    }

    private static Boolean bool(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        return "true".equals(t) || "1".equals(t) ? Boolean.TRUE : "false".equals(t) || "0".equals(t) ? Boolean.FALSE : null;
    }

    private static Integer integer(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
