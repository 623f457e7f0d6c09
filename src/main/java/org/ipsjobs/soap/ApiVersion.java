package org.ipsjobs.soap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One version of the IPS API as clients see it: its namespace, the name its WSDL is served under,
 * and how its contract differs from the canonical one. Most versions only lacked things the canonical
 * contract has; a few also declared elements the canonical contract does not have, or declared one
 * differently. Every difference is keyed by the canonical complex type (or operation element) whose
 * child it concerns, and by the child's canonical name.
 *
 * @param id the version's date (such as 2008-01-15), or an empty string for the pre-4.0 API
 * @param namespace the XML namespace of its operations and types
 * @param missingOperations operations the version did not have
 * @param missingElements per complex type or operation element of the canonical schema, the child
 *        elements the version did not have
 * @param extraElements per complex type, child elements the version had and the canonical schema has
 *        not; a key that names no canonical type declares a type only this version had. Declared in
 *        the version's WSDL, skipped in its requests, never written in answers.
 * @param changedElements per complex type, children the version declared with another name, type or
 *        occurrence; answers use the version's name
 * @param inlinedElements per complex type, children whose content the version's answers carry in the
 *        parent's place, without the child's own tags (where the version's type was the child's type)
 * @param authHeader where and how the version declared the authHeader SOAP header
 */
public record ApiVersion(String id, String namespace, Set<String> missingOperations,
        Map<String, Set<String>> missingElements, Map<String, List<ExtraElement>> extraElements,
        Map<String, Map<String, ElementChange>> changedElements, Map<String, Set<String>> inlinedElements,
        AuthHeaderForm authHeader) {

    /**
     * A child element only this version had.
     *
     * @param type a prefixed type name as the WSDL writes it: {@code xsd:string}, {@code tns:Company}
     * @param after the sibling it follows, or null to come last
     */
    public record ExtraElement(String name, String type, String minOccurs, String maxOccurs, String after) {
    }

    /** What the version declared differently for a child; null keeps the canonical value. */
    public record ElementChange(String name, String type, String minOccurs, String maxOccurs) {
    }

    /**
     * @param unversioned declared in {@code http://www.scene7.com/IpsApi/xsd} rather than the version's
     *        namespace
     * @param allGroup its children form an {@code xsd:all} rather than an {@code xsd:sequence}
     */
    public record AuthHeaderForm(boolean unversioned, boolean allGroup) {
        /** As the canonical contract declares it. */
        public static final AuthHeaderForm CANONICAL = new AuthHeaderForm(false, false);
    }

    public ApiVersion {
        missingOperations = Set.copyOf(missingOperations);
        missingElements = copy(missingElements, Set::copyOf);
        extraElements = copy(extraElements, List::copyOf);
        changedElements = copy(changedElements, Map::copyOf);
        inlinedElements = copy(inlinedElements, Set::copyOf);
        authHeader = authHeader == null ? AuthHeaderForm.CANONICAL : authHeader;
    }

    /** A version that only lacked things the canonical contract has. */
    public ApiVersion(String id, String namespace, Set<String> missingOperations,
            Map<String, Set<String>> missingElements) {
        this(id, namespace, missingOperations, missingElements, Map.of(), Map.of(), Map.of(), AuthHeaderForm.CANONICAL);
    }

    private static <V> Map<String, V> copy(Map<String, V> map, UnaryOperator<V> copyValue) {
        Map<String, V> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, copyValue.apply(v)));
        return Map.copyOf(copy);
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

    /** True when the child is one only this version had in this canonical type. */
    public boolean isExtra(String parent, String child) {
        List<ExtraElement> extras = extraElements.get(parent);
        if (extras != null) {
            for (ExtraElement extra : extras) {
                if (extra.name().equals(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the version had elements the canonical contract has not. */
    public boolean hasExtraElements() {
        return !extraElements.isEmpty();
    }

    /** The name the version gave a child of a canonical type. */
    public String nameOf(String parent, String child) {
        Map<String, ElementChange> changes = changedElements.get(parent);
        ElementChange change = changes == null ? null : changes.get(child);
        return change == null || change.name() == null ? child : change.name();
    }

    /** True when the version's answers carry this child's content without its tags. */
    public boolean inlines(String parent, String child) {
        Set<String> inlined = inlinedElements.get(parent);
        return inlined != null && inlined.contains(child);
    }

    public boolean isCanonical() {
        return namespace.equals(ApiNamespaces.CANONICAL);
    }
}
