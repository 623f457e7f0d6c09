package org.ipsjobs.soap;

import java.util.Map;
import java.util.Set;

/**
 * One version of the IPS API as clients see it: its namespace, the name its WSDL is served under,
 * and what the canonical contract has that it did not, so its answers leave those out.
 *
 * @param id the version's date (such as 2008-01-15), or an empty string for the pre-4.0 API
 * @param namespace the XML namespace of its operations and types
 * @param missingOperations operations the version did not have
 * @param missingElements per complex type or operation element of the canonical schema, the child
 *        elements the version did not have
 */
public record ApiVersion(String id, String namespace, Set<String> missingOperations,
        Map<String, Set<String>> missingElements) {

    public ApiVersion {
        missingOperations = Set.copyOf(missingOperations);
        missingElements = Map.copyOf(missingElements);
    }

    /** The file name its WSDL is published under. */
    public String wsdlName() {
        return id.isEmpty() ? "IpsApi.wsdl" : "IpsApi-" + id + ".wsdl";
    }

    /** True when the version had this child element in this type (or operation element). */
    public boolean has(String parent, String child) {
        Set<String> missing = missingElements.get(parent);
        return missing == null || !missing.contains(child);
    }

    public boolean isCanonical() {
        return namespace.equals(ApiNamespaces.CANONICAL);
    }
}
