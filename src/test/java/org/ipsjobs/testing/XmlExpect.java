package org.ipsjobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.ElementSelectors;
import org.xmlunit.placeholder.PlaceholderDifferenceEvaluator;

/**
 * Compares a response with an expected file under src/test/resources/responses. The file may use
 * XMLUnit placeholders such as {@code ${xmlunit.ignore}} (any value) or {@code ${xmlunit.isDateTime}}
 * for values that change from run to run. Namespace prefixes and whitespace do not matter; element
 * names, order and values do.
 */
public final class XmlExpect {

    private XmlExpect() {
    }

    public static void matches(String actual, String expectedResource) {
        String expected = SoapClient.resource("/responses/" + expectedResource);
        Diff diff = DiffBuilder.compare(expected).withTest(actual)
                .ignoreWhitespace().ignoreComments().normalizeWhitespace()
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName))
                .withDifferenceEvaluator(new PlaceholderDifferenceEvaluator())
                .checkForSimilar()
                .build();
        assertThat(diff.hasDifferences()).as("response differs from %s: %s%nactual:%n%s", expectedResource,
                diff.toString(), actual).isFalse();
    }
}
