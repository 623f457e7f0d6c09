package org.ipsjobs.soap;

import java.util.HashSet;
import java.util.Set;

import javax.xml.namespace.QName;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.phase.Phase;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;

/**
 * Establishes the caller of every request before its body is read: reads the credentials (see
 * {@link RequestCredentials}), checks them against the {@link UserDirectory}, and leaves the
 * {@link Caller} in the exchange for the endpoint. Requests without valid credentials end here with
 * an authenticationFault. It also declares the auth headers understood, so a client that marks them
 * mustUnderstand is served.
 */
public final class AuthInterceptor extends AbstractSoapInterceptor {

    private final UserDirectory directory;
    private final Set<String> authHeaderNamespaces;
    private final Set<QName> understood = new HashSet<>();

    /**
     * @param authHeaderNamespaces the namespaces an authHeader element is accepted in
     */
    public AuthInterceptor(UserDirectory directory, Set<String> authHeaderNamespaces) {
        super(Phase.PRE_PROTOCOL);
        this.directory = directory;
        this.authHeaderNamespaces = Set.copyOf(authHeaderNamespaces);
        for (String ns : authHeaderNamespaces) {
            understood.add(new QName(ns, RequestCredentials.AUTH_HEADER));
        }
        understood.add(RequestCredentials.AUTH_USER);
        understood.add(RequestCredentials.AUTH_PASSWORD);
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return understood;
    }

    /** The address the request came from, as the connection shows it (forwarding headers are not trusted). */
    static String clientAddress(Message message) {
        Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof HttpServletRequest http ? http.getRemoteAddr() : null;
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        RequestCredentials request = RequestCredentials.from(message, authHeaderNamespaces);
        message.getExchange().put(RequestCredentials.class, request);
        try {
            User user = directory.authenticate(request.credentials(), clientAddress(message));
            message.getExchange().put(Caller.class,
                    new Caller(user, request.locale(), request.appName(), request.appVersion()));
        } catch (RuntimeException e) {
            throw new Fault(e);
        }
    }
}
