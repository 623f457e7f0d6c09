package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

class ThreadReusedSchemaTest {

    private static final String XSD = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='urn:t'"
            + " xmlns='urn:t' elementFormDefault='qualified'><xs:element name='a'><xs:complexType><xs:sequence>"
            + "<xs:element name='n' type='xs:int'/></xs:sequence></xs:complexType></xs:element></xs:schema>";
    private static final String VALID = "<a xmlns='urn:t'><n>7</n></a>";
    private static final String INVALID = "<a xmlns='urn:t'><n>seven</n></a>";

    private final Schema schema = new ThreadReusedSchema(compile());

    private static Schema compile() {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(new StreamSource(new StringReader(XSD)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects what the validator reports, as CXF's and JAXB's handlers do. */
    private static final class Collected implements ErrorHandler {
        final List<String> errors = new ArrayList<>();

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            errors.add(e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
            errors.add(e.getMessage());
        }
    }

    private List<String> validateWithHandler(String xml) throws Exception {
        ValidatorHandler handler = schema.newValidatorHandler();
        Collected collected = new Collected();
        handler.setErrorHandler(collected);
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        XMLReader reader = factory.newSAXParser().getXMLReader();
        reader.setContentHandler(handler);
        reader.parse(new InputSource(new StringReader(xml)));
        return collected.errors;
    }

    @Test
    void theSameThreadGetsTheSameValidatorWhichStillFindsEveryMistakeAfterUse() throws Exception {
        Validator first = schema.newValidator();
        assertThat(schema.newValidator()).isSameAs(first);

        for (String xml : List.of(VALID, INVALID, VALID, INVALID)) {
            Validator validator = schema.newValidator();
            Collected collected = new Collected();
            validator.setErrorHandler(collected);
            assertThat(validator.getErrorHandler()).isSameAs(collected);
            validator.validate(new StreamSource(new StringReader(xml)));
            if (xml == INVALID) {
                assertThat(collected.errors).as(xml).isNotEmpty().allMatch(m -> m.contains("seven"));
            } else {
                assertThat(collected.errors).as(xml).isEmpty();
            }
        }
    }

    @Test
    void withoutAnErrorHandlerAMistakeIsThrownAsByANewValidator() throws Exception {
        Validator used = schema.newValidator();
        used.setErrorHandler(new Collected());
        used.validate(new StreamSource(new StringReader(INVALID)));

        Validator again = schema.newValidator(); // reset: the handler set before is gone
        assertThat(again.getErrorHandler()).isNull();
        assertThatThrownBy(() -> again.validate(new StreamSource(new StringReader(INVALID))))
                .isInstanceOf(SAXParseException.class).hasMessageContaining("seven");
        again.validate(new StreamSource(new StringReader(VALID)));
    }

    @Test
    void theHandlerCheckingBodiesReportsEachDocumentsMistakesToThatDocumentsHandler() throws Exception {
        assertThat(validateWithHandler(INVALID)).isNotEmpty().allMatch(m -> m.contains("seven"));
        assertThat(validateWithHandler(VALID)).isEmpty();
        assertThat(validateWithHandler(INVALID)).isNotEmpty().allMatch(m -> m.contains("seven"));
        assertThat(schema.newValidatorHandler().getErrorHandler()).isNull();
    }
}
