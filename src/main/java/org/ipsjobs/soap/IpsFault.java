package org.ipsjobs.soap;

/**
 * A fault as IPS reports it: which fault element, its code and reason, and whether the client or
 * the server is to blame.
 *
 * @param kind the fault element
 * @param code the IPS fault code
 * @param reason a sentence a person can act on
 * @param clientError true for soapenv:Client (SOAP 1.2 Sender), false for Server (Receiver)
 */
public record IpsFault(Kind kind, int code, String reason, boolean clientError) {

    /** The three fault elements of the API, with the exception name IPS reports for each. */
    public enum Kind {
        AUTHENTICATION("authenticationFault", "AuthenticationException"),
        AUTHORIZATION("authorizationFault", "AuthorizationException"),
        IPS_API("ipsApiFault", "IpsApiException");

        private final String element;
        private final String exceptionName;

        Kind(String element, String exceptionName) {
            this.element = element;
            this.exceptionName = exceptionName;
        }

        /** Local name of the fault element (namespace {@link ApiNamespaces#COMMON}). */
        public String element() {
            return element;
        }

        /** The exception name that starts the faultstring. */
        public String exceptionName() {
            return exceptionName;
        }
    }

    public static final int NO_CREDENTIALS = 10000;
    public static final int INVALID_CREDENTIALS = 10001;
    public static final int INVALID_USER = 10002;
    public static final int INVALID_COMPANY = 20000;
    public static final int INVALID_REQUEST_USER = 20002;
    public static final int NO_OPERATION_PERMISSION = 20003;
    public static final int ILLEGAL_COMPANY = 20006;
    public static final int ILLEGAL_REQUEST_USER = 20007;
    public static final int EXCEPTION = 30000;
    public static final int INVALID_PARAMETER = 30001;
    public static final int MISSING_PARAMETER = 30002;
    public static final int INVALID_REQUEST_XML = 30003;

    /** The faultstring: the exception name, then the reason. */
    public String faultString() {
        return kind.exceptionName() + ": " + reason;
    }

    static IpsFault api(int code, String reason) {
        return new IpsFault(Kind.IPS_API, code, reason, true);
    }
}
