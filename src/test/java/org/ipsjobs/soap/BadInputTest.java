package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that are broken in form rather than in meaning: each gets a Client fault with the right
 * IPS code and a reason naming what is wrong, never a stack trace, and changes nothing.
 */
class BadInputTest {

    private static final String AUTH = SoapClient.authHeader(SoapClient.COMMON_NS, TestServer.ADMIN,
            TestServer.ADMIN_PASSWORD);
    @RegisterExtension
    static final TestServer server = TestServer.start();

    @BeforeAll
    static void start() {
        server.submitPublish("47", "Existing job");
    }

    static Stream<Arguments> badRequests() {
        String ns = SoapClient.API_NS;
        return Stream.of(
                Arguments.of("malformed XML", "submitJob",
                        SoapClient.envelope11(AUTH, "<submitJobParam xmlns=\"" + ns + "\"><companyHandle>47</companyHandle"),
                        30003, "well-formed"),
                Arguments.of("unknown operation", "launchRocket",
                        SoapClient.envelope11(AUTH, "<launchRocketParam xmlns=\"" + ns + "\"/>"), 30003, "launchRocketParam"),
                Arguments.of("operation in a foreign namespace", "submitJob",
                        SoapClient.envelope11(AUTH, "<submitJobParam xmlns=\"urn:elsewhere\"/>"), 30003, "submitJobParam"),
                Arguments.of("missing required element", "submitJob",
                        SoapClient.envelope11(AUTH, "<submitJobParam xmlns=\"" + ns + "\"><companyHandle>47</companyHandle>"
                                + "<imageServingPublishJob><publishType>Full</publishType><emailSetting>None</emailSetting>"
                                + "</imageServingPublishJob></submitJobParam>"), 30002, "jobName"),
                Arguments.of("missing required first element", "stopJob",
                        SoapClient.envelope11(AUTH, "<stopJobParam xmlns=\"" + ns + "\"><jobHandle>j|47|Existing job||</jobHandle>"
                                + "</stopJobParam>"), 30002, "companyHandle"),
                Arguments.of("text in an int", "getJobLogs",
                        SoapClient.envelope11(AUTH, "<getJobLogsParam xmlns=\"" + ns + "\"><companyHandle>47</companyHandle>"
                                + "<numRows>ten</numRows></getJobLogsParam>"), 30001, "ten"),
                Arguments.of("text in a dateTime", "submitJob",
                        SoapClient.envelope11(AUTH, "<submitJobParam xmlns=\"" + ns + "\"><companyHandle>47</companyHandle>"
                                + "<jobName>Bad time</jobName><execTime>next tuesday</execTime><optimizeImagesJob>"
                                + "<emailSetting>None</emailSetting></optimizeImagesJob></submitJobParam>"), 30001, "next tuesday"),
                Arguments.of("elements out of order", "submitJob",
                        SoapClient.envelope11(AUTH, "<submitJobParam xmlns=\"" + ns + "\"><jobName>Swapped</jobName>"
                                + "<companyHandle>47</companyHandle><optimizeImagesJob><emailSetting>None</emailSetting>"
                                + "</optimizeImagesJob></submitJobParam>"), 30002, "companyHandle"),
                Arguments.of("unknown element", "getActiveJobs",
                        SoapClient.envelope11(AUTH, "<getActiveJobsParam xmlns=\"" + ns + "\"><companyHandle>47</companyHandle>"
                                + "<colour>blue</colour></getActiveJobsParam>"), 30001, "colour"),
                Arguments.of("empty body", "submitJob", SoapClient.envelope11(AUTH, ""), 30003, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersAClientFaultAndChangesNothing(String name, String action, String envelope, int code, String mention) {
        int before = jobCount();

        SoapResponse response = server.client.post11(action, envelope);

        SubmitJobTest.assertFault(response, "ipsApiFault", code);
        assertThat(response.faultReason()).as(response.toString()).contains(mention);
        assertNoInternals(response);
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotXmlGetsAFault() {
        SoapResponse response = server.client.post(Map.of("Content-Type", "text/xml", "SOAPAction", "submitJob"),
                "this is not xml at all".getBytes(StandardCharsets.UTF_8));

        SubmitJobTest.assertFault(response, "ipsApiFault", 30003);
        assertNoInternals(response);
    }

    @Test
    void xmlThatIsNotSoapGetsAFault() {
        SoapResponse response = server.client.post(Map.of("Content-Type", "text/xml", "SOAPAction", "submitJob"),
                "<order><item>1</item></order>".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.isFault()).as(response.toString()).isTrue();
        assertThat(response.faultCode()).as(response.toString()).isEqualTo(30003);
        assertNoInternals(response);
    }

    private static void assertNoInternals(SoapResponse response) {
        assertThat(response.body()).as("no internals leak").doesNotContain("at org.", "at java.", "java.lang",
                "org.apache", "com.ctc", "jakarta.", "stackTrace").doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]*Exception");
    }

    private static int jobCount() {
        return server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "47"))
                .count("//ips:jobArray/ips:items")
                + server.call("getScheduledJobs", "getScheduledJobs/by-company.xml", Map.of("company", "47"))
                .count("//ips:jobArray/ips:items");
    }
}
