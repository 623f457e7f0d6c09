package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.stream.Stream;

import org.ipsjobs.testing.SchemaFacts;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A served WSDL of a version whose Adobe original is known declares, for the operations this service
 * implements, what Adobe's declares: each Param and Return element, authHeader and every complex type
 * they use has the same children in the same order, with the same types and occurrences. Adobe's side
 * is the description under src/test/resources/adobe, extracted from Adobe's file by
 * {@link SchemaFacts} (so the test needs no copy of Adobe's WSDL).
 */
class AdobeWsdlComparisonTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();

    /** Versions with an Adobe original, and the description of its schema. */
    static Stream<String> versionsWithAnAdobeOriginal() {
        return Stream.of("2013-02-15");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionsWithAnAdobeOriginal")
    void theServedWsdlDeclaresTheOperationsAndTheirTypesAsAdobesDoes(String version) throws Exception {
        SchemaFacts.Facts adobe;
        try (InputStream in = getClass().getResourceAsStream("/adobe/IpsApi-" + version + ".facts.json")) {
            adobe = SchemaFacts.read(in);
        }
        SoapResponse wsdl = server.client.get(server.server.wsdl().resolve("IpsApi-" + version + ".wsdl"));
        assertThat(wsdl.status()).isEqualTo(200);
        SchemaFacts.Facts served = SchemaFacts.of(wsdl.body());

        assertThat(served.namespace()).isEqualTo(adobe.namespace());
        assertThat(served.elements().keySet()).as("elements").containsExactlyInAnyOrderElementsOf(adobe.elements().keySet());
        assertThat(served.types().keySet()).as("types used").containsExactlyInAnyOrderElementsOf(adobe.types().keySet());
        assertSame("element", adobe.elements(), served.elements());
        assertSame("type", adobe.types(), served.types());
    }

    private static void assertSame(String kind, Map<String, SchemaFacts.Declaration> adobe,
            Map<String, SchemaFacts.Declaration> served) {
        adobe.forEach((name, expected) -> {
            SchemaFacts.Declaration actual = served.get(name);
            assertThat(actual.children()).as(kind + " " + name + ": children, in order").containsExactlyElementsOf(
                    expected.children());
            assertThat(actual.group()).as(kind + " " + name + ": group").isEqualTo(expected.group());
            assertThat(actual.namespace()).as(kind + " " + name + ": namespace").isEqualTo(expected.namespace());
        });
    }
}
