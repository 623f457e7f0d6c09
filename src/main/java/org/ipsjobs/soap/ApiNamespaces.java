package org.ipsjobs.soap;

/** The XML namespaces of the IPS API, in one place. */
public final class ApiNamespaces {

    /** The API version this server's contract (wsdl/IpsApi.wsdl) is written in. */
    public static final String CANONICAL_VERSION = "2022-11-01-beta";

    /** Namespace of the canonical version's operations and types. */
    public static final String CANONICAL = "http://www.scene7.com/IpsApi/xsd/" + CANONICAL_VERSION;

    /** The unversioned namespace: fault elements always, authHeader as documented. */
    public static final String COMMON = "http://www.scene7.com/IpsApi/xsd";

    /** Namespace of the AuthUser / AuthPassword headers used before IPS 3.8. */
    public static final String LEGACY_AUTH = "http://www.scene7.com/IpsApi";

    private ApiNamespaces() {
    }
}
