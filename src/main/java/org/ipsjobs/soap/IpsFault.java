package org.ipsjobs.soap;

/**
 * A fault as IPS reports it: which fault element, its code and reason, and the SOAP fault code that
 * says who is to blame.
 *
 * @param kind the fault element
 * @param code the IPS fault code
 * @param reason a sentence a person can act on
 * @param soapCode the SOAP fault code
 */
public record IpsFault(Kind kind, int code, String reason, SoapCode soapCode) {

    /** The SOAP fault codes the service answers with (SOAP 1.2 names in brackets). */
    public enum SoapCode {
        /** The request is wrong (Sender). */
        CLIENT,
        /** The service failed (Receiver). */
        SERVER,
        /** A header marked mustUnderstand is not understood. */
        MUST_UNDERSTAND,
        /** The envelope is not SOAP 1.1 or 1.2. */
        VERSION_MISMATCH
    }

    /**
     * @param clientError true for soapenv:Client (SOAP 1.2 Sender), false for Server (Receiver)
     */
    public IpsFault(Kind kind, int code, String reason, boolean clientError) {
        this(kind, code, reason, clientError ? SoapCode.CLIENT : SoapCode.SERVER);
    }

    /** True unless the service is to blame. */
    public boolean clientError() {
        return soapCode != SoapCode.SERVER;
    }

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

    /** The reason is kept to characters an XML 1.0 answer can carry: it often quotes what a client sent. */
    public IpsFault {
        reason = org.ipsjobs.jobs.model.ApiText.cleaned(reason);
    }

    /** The faultstring: the exception name, then the reason. */
    public String faultString() {
        return kind.exceptionName() + ": " + reason;
    }

    /** A Client ipsApiFault. */
    public static IpsFault api(int code, String reason) {
        return new IpsFault(Kind.IPS_API, code, reason, true);
    }
}
