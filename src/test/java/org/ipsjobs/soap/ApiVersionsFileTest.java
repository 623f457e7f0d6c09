package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * api-versions.json speaks of the canonical contract: every type and child it names as missing,
 * changed or inlined exists there, and every extra element is one the canonical contract lacks,
 * placed after a sibling the version has.
 */
class ApiVersionsFileTest {

    private final SchemaIndex schema = SchemaIndex.load();
    private final ApiVersions versions = ApiVersions.load();

    @Test
    void everyDifferenceNamesWhatTheCanonicalContractHasOrLacks() {
        List<String> problems = new ArrayList<>();
        for (ApiVersion v : versions.all()) {
            String label = v.id().isEmpty() ? "pre-4.0" : v.id();
            v.missingElements().forEach((type, children) -> children.forEach(child -> {
                if (schema.child(type, child).isEmpty()) {
                    problems.add(label + ": missing " + type + "/" + child + " is not in the canonical contract");
                }
            }));
            v.changedElements().forEach((type, children) -> children.keySet().forEach(child -> {
                if (schema.child(type, child).isEmpty() || !v.has(type, child)) {
                    problems.add(label + ": changed " + type + "/" + child + " is not a child the version has");
                }
            }));
            v.inlinedElements().forEach((type, children) -> children.forEach(child -> {
                if (schema.child(type, child).map(c -> c.complexType() == null).orElse(true) || !v.has(type, child)) {
                    problems.add(label + ": inlined " + type + "/" + child + " is not a complex child the version has");
                }
            }));
            v.extraElements().forEach((type, extras) -> {
                boolean canonicalType = !schema.children(type).isEmpty();
                List<String> before = new ArrayList<>();
                schema.children(type).stream().filter(c -> v.has(type, c.name())).forEach(c -> before.add(c.name()));
                for (ApiVersion.ExtraElement extra : extras) {
                    if (canonicalType && schema.child(type, extra.name()).isPresent()) {
                        problems.add(label + ": extra " + type + "/" + extra.name() + " is in the canonical contract");
                    }
                    if (extra.after() != null && !before.contains(extra.after())) {
                        problems.add(label + ": extra " + type + "/" + extra.name() + " follows " + extra.after()
                                + ", which the version does not have there");
                    }
                    if (extra.type() == null || !extra.type().matches("(xsd|tns):\\w+")) {
                        problems.add(label + ": extra " + type + "/" + extra.name() + " needs a type like xsd:string");
                    }
                    before.add(extra.name());
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void versionsAreListedOldestFirstWithTheCanonicalOneLast() {
        List<String> ids = versions.all().stream().map(ApiVersion::id).toList();
        assertThat(ids.get(0)).isEmpty();
        assertThat(ids.subList(1, ids.size())).isSorted();
        assertThat(versions.all().get(ids.size() - 1).isCanonical()).isTrue();
    }
}
