package org.ipsjobs.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every API version the service answers in, read from {@code api-versions.json} beside this class:
 * how each older version's contract differed from the canonical one (see that file for sources).
 */
public final class ApiVersions {

    /**
     * One entry of the file; source and confidence say how its contents are known, notes give the
     * evidence for single decisions. Only the structural fields reach the service.
     */
    private record Entry(String id, String source, String confidence, List<String> missingOperations,
            Map<String, List<String>> missingElements, Map<String, List<ApiVersion.ExtraElement>> extraElements,
            Map<String, Map<String, ApiVersion.ElementChange>> changedElements,
            Map<String, List<String>> inlinedElements, AuthHeaderEntry authHeader, Map<String, String> notes) {
    }

    /** {@code {"namespace": "unversioned" | "versioned", "group": "all" | "sequence"}}; absent means canonical. */
    private record AuthHeaderEntry(String namespace, String group) {
        ApiVersion.AuthHeaderForm form(String id) {
            if (!"unversioned".equals(namespace) && !"versioned".equals(namespace)
                    || !"all".equals(group) && !"sequence".equals(group)) {
                throw new IllegalStateException("api-versions.json: authHeader of " + id
                        + " needs namespace unversioned|versioned and group all|sequence");
            }
            return new ApiVersion.AuthHeaderForm("unversioned".equals(namespace), "all".equals(group));
        }
    }

    private final Map<String, ApiVersion> byNamespace = new LinkedHashMap<>();

    private ApiVersions(List<ApiVersion> versions) {
        versions.forEach(v -> byNamespace.put(v.namespace(), v));
    }

    /** The versions the service ships with. */
    public static ApiVersions load() {
        try (InputStream in = ApiVersions.class.getResourceAsStream("api-versions.json")) {
            List<Entry> entries = new ObjectMapper().readValue(in, new TypeReference<List<Entry>>() { });
            List<ApiVersion> versions = entries.stream().map(e -> new ApiVersion(e.id(),
                    e.id().isEmpty() ? ApiNamespaces.COMMON : ApiNamespaces.COMMON + "/" + e.id(),
                    Set.copyOf(e.missingOperations() == null ? List.of() : e.missingOperations()),
                    toSets(e.missingElements()), e.extraElements() == null ? Map.of() : e.extraElements(),
                    e.changedElements() == null ? Map.of() : e.changedElements(), toSets(e.inlinedElements()),
                    e.authHeader() == null ? ApiVersion.AuthHeaderForm.CANONICAL : e.authHeader().form(e.id())))
                    .toList();
            return new ApiVersions(versions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read api-versions.json", e);
        }
    }

    private static Map<String, Set<String>> toSets(Map<String, List<String>> lists) {
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        if (lists != null) {
            lists.forEach((k, v) -> sets.put(k, Set.copyOf(v)));
        }
        return sets;
    }

    /** All versions, oldest first, the canonical one last. */
    public List<ApiVersion> all() {
        return List.copyOf(byNamespace.values());
    }

    public ApiVersion canonical() {
        return byNamespace.get(ApiNamespaces.CANONICAL);
    }

    public Optional<ApiVersion> byNamespace(String namespace) {
        return Optional.ofNullable(byNamespace.get(namespace));
    }

    /** Every namespace a request may use for the operations, types and authHeader. */
    public Set<String> namespaces() {
        return Set.copyOf(byNamespace.keySet());
    }
}
