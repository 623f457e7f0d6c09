package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import javax.xml.validation.Schema;

import org.ipsjobs.testing.ServedSchema;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers shaped like those recorded from Adobe's IPS in 2011 in API 2010-01-31 (src/test/resources/recorded:
 * the recorded elements, their order and the echoed defaults, with values of our own) are valid against
 * the schema this service serves for 2010-01-31: a client generated from our WSDL of that version reads
 * what the real service sends. The getActiveJobs answers hold a
 * running UrlUpload job with its locale, a taskProgressArray of two tasks and the upload options
 * IPS echoed, and a publish job with an empty taskProgressArray.
 */
class RecordedIpsAnswersTest {

    private static final String VERSION = "2010-01-31";
    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static Schema schema;

    @BeforeAll
    static void fetchTheServedSchema() throws Exception {
        SoapResponse wsdl = server.client.get(server.server.wsdl().resolve("IpsApi-" + VERSION + ".wsdl"));
        assertThat(wsdl.status()).isEqualTo(200);
        schema = ServedSchema.of(wsdl);
    }

    static Stream<String> recordedAnswers() {
        return Stream.of("getActiveJobs-running-upload.xml", "getActiveJobs-upload-and-publish.xml", "getCompanyInfo.xml",
                "stopJob.xml", "submitJob-upload-urls.xml", "submitJob-publish.xml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedAnswers")
    void validatesAgainstTheServedSchemaOfItsVersion(String file) throws Exception {
        SoapResponse recorded = new SoapResponse(200, "text/xml",
                SoapClient.resource("/recorded/ips-" + VERSION + "/" + file));
        assertThat(ServedSchema.payload(recorded).getNamespaceURI())
                .isEqualTo("http://www.scene7.com/IpsApi/xsd/" + VERSION);

        ServedSchema.validate(schema, recorded);
    }
}
