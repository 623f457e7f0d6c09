package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Mistakes a client can make that were once answered as internal errors (30000, with an ERROR and a
 * stack trace in the log) or with something that is not a SOAP envelope of the client's version. Each
 * now gets the client fault that says what is wrong, and the server logs no error.
 */
class ClientMistakesTest {

    private static final String NS = SoapClient.API_NS;
    private static final String AUTH = SoapClient.authHeader(SoapClient.COMMON_NS, TestServer.ADMIN,
            TestServer.ADMIN_PASSWORD);
    private static final String ACTIVE = "<getActiveJobsParam xmlns=\"" + NS + "\"><companyHandle>47</companyHandle>"
            + "</getActiveJobsParam>";
    @RegisterExtension
    static final TestServer server = TestServer.start();

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void watchTheLog() {
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void noErrorWasLogged() {
        root().detachAppender(log);
        assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("an element inside a text element", "getActiveJobs", SoapClient.envelope11(AUTH,
                        "<getActiveJobsParam xmlns=\"" + NS + "\"><companyHandle>47<x/></companyHandle></getActiveJobsParam>"),
                        30001, "companyHandle holds a value"),
                Arguments.of("xsi:type with an undeclared prefix", "getActiveJobs", SoapClient.envelope11(AUTH,
                        "<getActiveJobsParam xmlns=\"" + NS + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                                + "<companyHandle xsi:type=\"nowhere:Thing\">47</companyHandle></getActiveJobsParam>"),
                        30001, "companyHandle"),
                Arguments.of("an authHeader without appName and appVersion", "submitJob", SoapClient.envelope11(
                        "<authHeader xmlns=\"" + SoapClient.COMMON_NS + "\"><user>" + TestServer.ADMIN + "</user><password>"
                        + TestServer.ADMIN_PASSWORD + "</password></authHeader>", SoapClient.request(
                                "submitJob/image-serving-publish.xml", Map.of("company", "47", "name", "No app"))),
                        30002, "authHeader is missing the required element appName"),
                Arguments.of("an authHeader with its fields out of order", "getActiveJobs", SoapClient.envelope11(
                        "<authHeader xmlns=\"" + SoapClient.COMMON_NS + "\"><appName>a</appName><appVersion>1</appVersion>"
                        + "<user>" + TestServer.ADMIN + "</user><password>" + TestServer.ADMIN_PASSWORD
                        + "</password></authHeader>", ACTIVE), 30001, "accessToken"),
                Arguments.of("an unknown SOAPAction", "bogusOp", SoapClient.envelope11(AUTH, ACTIVE), 30003, "bogusOp"),
                Arguments.of("a SOAPAction naming another operation", "submitJob", SoapClient.envelope11(AUTH, ACTIVE),
                        30003, "names submitJob but the body holds getActiveJobsParam"),
                Arguments.of("a body element without namespace", "getActiveJobs", SoapClient.envelope11(AUTH,
                        "<getActiveJobsParam><companyHandle>47</companyHandle></getActiveJobsParam>"), 30003,
                        "in no namespace"),
                Arguments.of("a schedule that can never fire", "submitJob", SoapClient.envelope11(AUTH,
                        SoapClient.request("submitJob/scheduled.xml", Map.of("company", "47", "name", "Never",
                                "schedule", "0 0 0 31 2 ?"))), 30001, "never fires"),
                Arguments.of("a schedule in a year that is over", "submitJob", SoapClient.envelope11(AUTH,
                        SoapClient.request("submitJob/scheduled.xml", Map.of("company", "47", "name", "Never",
                                "schedule", "0 0 0 * * ? 1970"))), 30001, "never fires"),
                Arguments.of("an execTime in year -999999999", "submitJob", SoapClient.envelope11(AUTH,
                        SoapClient.request("submitJob/exec-time.xml", Map.of("company", "47", "name", "Ancient",
                                "time", "-999999999-01-01T00:00:00Z"))), 30001, "execTime"),
                Arguments.of("an execTime in year 292278995", "submitJob", SoapClient.envelope11(AUTH,
                        SoapClient.request("submitJob/exec-time.xml", Map.of("company", "47", "name", "Far",
                                "time", "292278995-01-01T00:00:00Z"))), 30001, "execTime"),
                Arguments.of("an XML 1.1 document with a control character", "submitJob",
                        SoapClient.envelope11(AUTH, "<submitJobParam xmlns=\"" + NS + "\"><companyHandle>47"
                                + "</companyHandle><jobName>Escape</jobName><description>x&#x1B;</description>"
                                + "<optimizeImagesJob><emailSetting>None</emailSetting></optimizeImagesJob>"
                                + "</submitJobParam>").replace("version=\"1.0\"", "version=\"1.1\""), 30003, "XML 1.0"),
                Arguments.of("an XML 1.1 document with a control character in companyHandle", "getActiveJobs",
                        SoapClient.envelope11(AUTH, "<getActiveJobsParam xmlns=\"" + NS + "\"><companyHandle>4&#x1B;7"
                                + "</companyHandle></getActiveJobsParam>").replace("version=\"1.0\"", "version=\"1.1\""),
                        30003, "XML 1.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isAClientFaultThatSaysWhatIsWrong(String name, String action, String envelope, int code, String mention) {
        SoapResponse response = server.client.post11(action, envelope);

        SubmitJobTest.assertFault(response, "ipsApiFault", code);
        assertThat(response.faultReason()).as(response.toString()).contains(mention);
        assertNoJavaNames(response);
    }

    @Test
    void anUnknownMustUnderstandHeaderIsAMustUnderstandFault() {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header>"
                + AUTH + "<x:trace xmlns:x=\"urn:example\" soapenv:mustUnderstand=\"1\">on</x:trace></soapenv:Header>"
                + "<soapenv:Body>" + ACTIVE + "</soapenv:Body></soapenv:Envelope>";

        SoapResponse response = server.client.post11("getActiveJobs", envelope);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.xpath("//s11:Fault/faultcode")).as(response.toString()).isEqualTo("soap:MustUnderstand");
        assertThat(response.faultCode()).isEqualTo(30003);
        assertThat(response.faultReason()).contains("{urn:example}trace");
    }

    @Test
    void aPageNumberFarPastTheEndIsAnEmptyPage() {
        String handle = server.submitPublish("47", "Paged");
        server.awaitState("47", handle, "Done");

        SoapResponse response = server.call("getJobLogDetails", "logs/getJobLogDetails-paged.xml", Map.of("company", "47",
                "handle", handle, "logType", "", "perPage", "1000", "page", "2147483647", "direction", "Ascending"));

        assertThat(response.isFault()).as(response.toString()).isFalse();
        assertThat(response.count("//ips:jobLogArray/ips:items")).isEqualTo(1);
        assertThat(response.count("//ips:detailArray/ips:items")).isZero();
    }

    @Test
    void aCharsetNobodyKnowsIsASoapFault() {
        SoapResponse response = server.client.post(Map.of("Content-Type", "text/xml; charset=bogus", "SOAPAction",
                "getActiveJobs"), SoapClient.envelope11(AUTH, ACTIVE).getBytes(StandardCharsets.UTF_8));

        SubmitJobTest.assertFault(response, "ipsApiFault", 30003);
        assertThat(response.xpath("//s11:Fault/faultcode")).isEqualTo("soap:Client");
        assertThat(response.faultReason()).contains("bogus");
        assertNoJavaNames(response);
    }

    @Test
    void aMultipartBodyWithoutBoundaryIsASoapFault() {
        SoapResponse response = server.client.post(Map.of("Content-Type", "multipart/related", "SOAPAction",
                "getActiveJobs"), SoapClient.envelope11(AUTH, ACTIVE).getBytes(StandardCharsets.UTF_8));

        SubmitJobTest.assertFault(response, "ipsApiFault", 30003);
        assertThat(response.faultReason()).contains("boundary");
    }

    @Test
    void aSoap11RequestIsAnsweredInSoap11EvenWhenItCannotBeRead() {
        // nothing says which SOAP version this is but the Content-Type, text/xml
        SoapResponse notWellFormed = server.client.post11("getActiveJobs", "<soapenv:Envel");
        assertThat(notWellFormed.contentType()).startsWith("text/xml");
        assertThat(notWellFormed.xpath("//s11:Fault/faultcode")).as(notWellFormed.toString()).isEqualTo("soap:Client");
        assertThat(notWellFormed.faultCode()).isEqualTo(30003);
        assertNoJavaNames(notWellFormed);

        SoapResponse truncatedEntity = server.client.post11("checkLogin", SoapClient.envelope11(AUTH,
                "<checkLoginParam xmlns=\"" + NS + "\"><companyHandle>&#xD800;</companyHandle><email>a@b.c</email>"
                        + "<password>x</password></checkLoginParam>"));
        assertThat(truncatedEntity.xpath("//s11:Fault/faultcode")).as(truncatedEntity.toString()).isEqualTo("soap:Client");
        assertNoJavaNames(truncatedEntity);
    }

    @Test
    void otherMethodsThanPostAre405WithAnAllowHeader() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String method : new String[] {"PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "GET"}) {
            HttpRequest request = HttpRequest.newBuilder(server.client.endpoint())
                    .method(method, HttpRequest.BodyPublishers.ofString(SoapClient.envelope11(AUTH, ACTIVE)))
                    .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).contains("POST");
            if (!method.equals("HEAD")) {
                SoapResponse soap = new SoapResponse(response.statusCode(), "", response.body());
                assertThat(soap.faultCode()).as(method + ": " + response.body()).isEqualTo(30003);
            }
        }
        HttpResponse<String> wsdl = http.send(HttpRequest.newBuilder(server.server.wsdl())
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wsdl.statusCode()).isEqualTo(405);
        assertThat(wsdl.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void pathsNothingServesAre404() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/scene7/services/IpsApiService/extra", "/scene7/nope", "/scene7/"}) {
            HttpRequest request = HttpRequest.newBuilder(server.client.endpoint().resolve(path))
                    .POST(HttpRequest.BodyPublishers.ofString(SoapClient.envelope11(AUTH, ACTIVE)))
                    .header("Content-Type", "text/xml").header("SOAPAction", "getActiveJobs").build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(404);
        }
    }

    static void assertNoJavaNames(SoapResponse response) {
        assertThat(response.body()).as("no internals leak").doesNotContain("at org.", "at java.", "java.", "javax.",
                "org.apache", "com.ctc", "jakarta.", "WstxLazyException")
                .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]*Exception");
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
