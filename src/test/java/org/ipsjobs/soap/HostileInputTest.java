package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * Payloads meant to hurt: each gets a prompt Client fault with the expected code, never reaches the
 * job store, and reveals nothing of the machine (no file contents, no outbound request).
 */
class HostileInputTest {

    private static final String AUTH = SoapClient.authHeader(SoapClient.COMMON_NS, TestServer.ADMIN,
            TestServer.ADMIN_PASSWORD);
    private static final String NS = SoapClient.API_NS;
    @RegisterExtension
    static final TestServer server = TestServer.start();

    @BeforeAll
    static void start() {
        server.awaitState("47", server.submitPublish("47", "Bystander"), "Done");
    }

    static Stream<Arguments> payloads() {
        String submitStart = "<submitJobParam xmlns=\"" + NS + "\"><companyHandle>47</companyHandle><jobName>";
        String submitEnd = "</jobName><optimizeImagesJob><emailSetting>None</emailSetting></optimizeImagesJob></submitJobParam>";
        return Stream.of(
                Arguments.of("external file entity",
                        "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + SoapClient.envelope11(AUTH, submitStart + "&xxe;" + submitEnd).replaceFirst("^<\\?xml[^>]*>", ""),
                        30003),
                Arguments.of("external http entity",
                        "<!DOCTYPE e [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/steal\">]>"
                                + SoapClient.envelope11(AUTH, submitStart + "&xxe;" + submitEnd).replaceFirst("^<\\?xml[^>]*>", ""),
                        30003),
                Arguments.of("entity expansion bomb", "<!DOCTYPE e [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
                        + SoapClient.envelope11(AUTH, submitStart + "&e;" + submitEnd).replaceFirst("^<\\?xml[^>]*>", ""),
                        30003),
                Arguments.of("10,000-deep nesting", SoapClient.envelope11(AUTH, "<getActiveJobsParam xmlns=\"" + NS + "\">"
                        + "<x>".repeat(10_000) + "</x>".repeat(10_000) + "</getActiveJobsParam>"), 30003),
                Arguments.of("100,000 repeated elements", SoapClient.envelope11(AUTH, submitStart + "Many" + "</jobName>"
                        + "<uploadUrlsJob><urlArray>" + "<items><sourceUrl>http://a/b</sourceUrl><destPath>x</destPath></items>"
                        .repeat(100_000) + "</urlArray><overwrite>true</overwrite><readyForPublish>true</readyForPublish>"
                        + "<createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></submitJobParam>"),
                        30003),
                Arguments.of("10,000 URLs in one job", SoapClient.envelope11(AUTH, submitStart + "Ten thousand" + "</jobName>"
                        + "<uploadUrlsJob><urlArray>" + "<items><sourceUrl>http://a/b</sourceUrl><destPath>x</destPath></items>"
                        .repeat(10_000) + "</urlArray><overwrite>true</overwrite><readyForPublish>true</readyForPublish>"
                        + "<createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></submitJobParam>"),
                        30001),
                Arguments.of("a huge job name", SoapClient.envelope11(AUTH, submitStart + "n".repeat(100_000) + submitEnd), 30001),
                Arguments.of("a job name longer than the parser allows",
                        SoapClient.envelope11(AUTH, submitStart + "n".repeat(2 * 1024 * 1024) + submitEnd), 30003),
                Arguments.of("two bodies", "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                        + "<soapenv:Header>" + AUTH + "</soapenv:Header><soapenv:Body>" + submitStart + "First" + submitEnd
                        + "</soapenv:Body><soapenv:Body>" + submitStart + "Second" + submitEnd + "</soapenv:Body></soapenv:Envelope>",
                        30003),
                Arguments.of("an element after the body", "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                        + "<soapenv:Header>" + AUTH + "</soapenv:Header><soapenv:Body>" + submitStart + "Trailing" + submitEnd
                        + "</soapenv:Body><extra/></soapenv:Envelope>", 30003),
                Arguments.of("100 attributes on one element", SoapClient.envelope11(AUTH, "<getActiveJobsParam xmlns=\""
                        + NS + "\" " + java.util.stream.IntStream.range(0, 100).mapToObj(i -> "a" + i + "=\"x\"")
                        .collect(java.util.stream.Collectors.joining(" ")) + "/>"), 30003),
                Arguments.of("two operations in one body", SoapClient.envelope11(AUTH, submitStart + "One" + submitEnd
                        + submitStart + "Two" + submitEnd), 30003));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void isRefusedAndChangesNothing(String name, String payload, int code) {
        String before = storeState();

        SoapResponse response = server.client.post11("submitJob", payload);

        SubmitJobTest.assertFault(response, "ipsApiFault", code);
        assertThat(response.body()).doesNotContain("root:").doesNotContain("/bin/");
        assertThat(response.body().length()).as("the answer stays small").isLessThan(4096);
        assertThat(storeState()).isEqualTo(before);
    }

    @Test
    void anUnknownSoapVersionIsAVersionMismatch() {
        String before = storeState();
        String envelope = "<env:Envelope xmlns:env=\"http://example.com/not-soap\"><env:Body><submitJobParam xmlns=\""
                + NS + "\"><companyHandle>47</companyHandle><jobName>Odd</jobName><optimizeImagesJob><emailSetting>"
                + "None</emailSetting></optimizeImagesJob></submitJobParam></env:Body></env:Envelope>";

        SoapResponse response = server.client.post11("submitJob", envelope);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.faultCode()).as(response.toString()).isEqualTo(30003);
        assertThat(response.xpath("//s11:Fault/faultcode")).as(response.toString()).isEqualTo("soap:VersionMismatch");
        assertThat(storeState()).isEqualTo(before);
    }

    @Test
    void invalidUtf8IsRefused() {
        String before = storeState();
        byte[] head = SoapClient.envelope11(AUTH, "<getActiveJobsParam xmlns=\"" + NS + "\"><originalName>")
                .replace("</soapenv:Body></soapenv:Envelope>", "").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        byte[] tail = "</originalName></getActiveJobsParam></soapenv:Body></soapenv:Envelope>".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);

        SoapResponse response = server.client.post(Map.of("Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "getActiveJobs"), body);

        SubmitJobTest.assertFault(response, "ipsApiFault", 30003);
        assertThat(storeState()).isEqualTo(before);
    }

    @Test
    void aHundredMegabyteBodyIsCutOffAtTheLimit() throws Exception {
        String before = storeState();
        long size = 100L * 1024 * 1024;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (boolean chunked : new boolean[] {false, true}) {
            HttpRequest.BodyPublisher publisher = chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> endless(size))
                    : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> endless(size)), size);
            HttpRequest request = HttpRequest.newBuilder(server.client.endpoint()).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "submitJob")
                    .POST(publisher).build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                // the server may answer and close before the client finished sending; that is a refusal too
                continue;
            }
            SoapResponse soap = new SoapResponse(response.statusCode(), "", response.body());
            assertThat(soap.faultCode()).as(soap.toString()).isEqualTo(30003);
            assertThat(soap.faultReason()).containsAnyOf("larger than", "limit");
        }
        assertThat(storeState()).isEqualTo(before);
    }

    /** A SOAP request whose job name never ends: the envelope start, then the letter x for ever. */
    private static InputStream endless(long size) {
        byte[] start = (SoapClient.envelope11(AUTH, "<submitJobParam xmlns=\"" + NS + "\"><companyHandle>47</companyHandle><jobName>")
                .replace("</soapenv:Body></soapenv:Envelope>", "")).getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                int b = position < start.length ? start[(int) position] : 'x';
                position++;
                return b;
            }
        };
    }

    private static String storeState() {
        return server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "47"))
                .xpathAll("//ips:jobArray/ips:items/ips:jobHandle")
                + "|" + server.call("getScheduledJobs", "getScheduledJobs/by-company.xml", Map.of("company", "47"))
                .count("//ips:jobArray/ips:items")
                + "|" + server.call("getJobLogs", "logs/getJobLogs.xml", Map.of("company", "47")).count("//ips:jobLogArray/ips:items");
    }

}
