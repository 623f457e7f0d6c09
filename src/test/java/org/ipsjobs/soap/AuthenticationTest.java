package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** checkLogin and the ways a request proves who sends it. */
class AuthenticationTest {

    private static final String ACTIVE = "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>";
    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void checkLoginTellsValidFromInvalid() {
        assertThat(checkLogin("47", TestServer.USER47, TestServer.USER47_PASSWORD)).isEqualTo("ValidLogin");
        assertThat(checkLogin("47", TestServer.USER47, "wrong")).isEqualTo("InvalidLogin");
        assertThat(checkLogin("47", "nobody@example.com", "x")).isEqualTo("InvalidLogin");
        assertThat(checkLogin("48", TestServer.USER47, TestServer.USER47_PASSWORD)).as("not a member of 48")
                .isEqualTo("InvalidLogin");
    }

    @Test
    void checkLoginWithoutCompanyChecksOnlyTheCredentials() {
        SoapResponse response = server.call("checkLogin", "<checkLoginParam xmlns=\"" + SoapClient.API_NS + "\">"
                + "<email>" + TestServer.USER48 + "</email><password>" + TestServer.USER48_PASSWORD + "</password>"
                + "</checkLoginParam>");
        assertThat(response.xpath("//ips:checkLoginReturn/ips:status")).isEqualTo("ValidLogin");
    }

    @Test
    void noCredentialsIs10000() {
        SoapResponse response = server.client.post11("getActiveJobs", SoapClient.envelope11("", ACTIVE));
        SubmitJobTest.assertFault(response, "authenticationFault", 10000);
        assertThat(response.faultReason()).contains("authHeader");
    }

    @Test
    void wrongPasswordAndUnknownUserAre10001AndLookAlike() {
        SoapResponse wrongPassword = server.client.call("getActiveJobs", TestServer.USER47, "nope", ACTIVE);
        SoapResponse unknownUser = server.client.call("getActiveJobs", "ghost@example.com", "nope", ACTIVE);

        SubmitJobTest.assertFault(wrongPassword, "authenticationFault", 10001);
        SubmitJobTest.assertFault(unknownUser, "authenticationFault", 10001);
        assertThat(wrongPassword.faultReason()).isEqualTo(unknownUser.faultReason());
        assertThat(wrongPassword.xpath("//faultstring")).startsWith("AuthenticationException");
    }

    @Test
    void acceptsTheAuthHeaderInTheVersionedNamespaceWithMustUnderstand() {
        String header = "<authHeader xmlns=\"" + SoapClient.API_NS + "\" xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " soapenv:mustUnderstand=\"1\"><user>" + TestServer.USER47 + "</user><password>"
                + TestServer.USER47_PASSWORD + "</password><appName>x</appName><appVersion>1</appVersion></authHeader>";
        SoapResponse response = server.client.post11("getActiveJobs", SoapClient.envelope11(header, ACTIVE));
        assertThat(response.isFault()).as(response.toString()).isFalse();
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void acceptsTheLegacyAuthUserHeaders() {
        String header = "<AuthUser xmlns=\"http://www.scene7.com/IpsApi\">" + TestServer.USER47 + "</AuthUser>"
                + "<AuthPassword xmlns=\"http://www.scene7.com/IpsApi\">" + TestServer.USER47_PASSWORD + "</AuthPassword>";
        SoapResponse response = server.client.post11("getActiveJobs", SoapClient.envelope11(header, ACTIVE));
        assertThat(response.isFault()).as(response.toString()).isFalse();
    }

    @Test
    void acceptsPreemptiveHttpBasic() {
        String basic = Base64.getEncoder().encodeToString((TestServer.USER47 + ":" + TestServer.USER47_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        SoapResponse ok = server.client.post(Map.of("Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "getActiveJobs",
                "Authorization", "Basic " + basic), SoapClient.envelope11("", ACTIVE).getBytes(StandardCharsets.UTF_8));
        assertThat(ok.isFault()).as(ok.toString()).isFalse();

        String bad = Base64.getEncoder().encodeToString((TestServer.USER47 + ":wrong").getBytes(StandardCharsets.UTF_8));
        SoapResponse refused = server.client.post(Map.of("Content-Type", "text/xml; charset=UTF-8", "SOAPAction",
                "getActiveJobs", "Authorization", "Basic " + bad), SoapClient.envelope11("", ACTIVE).getBytes(StandardCharsets.UTF_8));
        SubmitJobTest.assertFault(refused, "authenticationFault", 10001);
    }

    @Test
    void nobodyCanLockAnotherUserOutWithCheckLogin() {
        String guesses = "checkLogin/check.xml";
        for (int i = 0; i < 5; i++) {
            SoapResponse guess = server.client.call("checkLogin", TestServer.USER47, TestServer.USER47_PASSWORD,
                    SoapClient.request(guesses, Map.of("company", "48", "email", TestServer.USER48, "password", "guess" + i)));
            assertThat(guess.xpath("//ips:status")).as(guess.toString()).isEqualTo("InvalidLogin");
        }
        SoapResponse throttled = server.client.call("checkLogin", TestServer.USER47, TestServer.USER47_PASSWORD,
                SoapClient.request(guesses, Map.of("company", "48", "email", TestServer.USER48, "password", "guess5")));
        SubmitJobTest.assertFault(throttled, "ipsApiFault", 30001);
        assertThat(throttled.faultReason()).contains("try again in");

        SoapResponse victim = server.client.call("getActiveJobs", TestServer.USER48, TestServer.USER48_PASSWORD, ACTIVE);
        assertThat(victim.isFault()).as("the victim still logs in: " + victim).isFalse();
        assertThat(checkLogin("48", TestServer.USER48, TestServer.USER48_PASSWORD)).as("others may still check")
                .isEqualTo("ValidLogin");
    }

    @Test
    void guessingAPasswordFromOneAddressLocksOutOnlyThatAddress() throws Exception {
        String envelope = SoapClient.envelope11(SoapClient.authHeader(SoapClient.COMMON_NS, TestServer.USER48, "guess"),
                ACTIVE);
        for (int i = 0; i < 6; i++) {
            assertThat(postFrom("127.0.0.2", envelope)).contains("<ns1:code>10001");
        }
        String right = SoapClient.envelope11(SoapClient.authHeader(SoapClient.COMMON_NS, TestServer.USER48,
                TestServer.USER48_PASSWORD), ACTIVE);
        assertThat(postFrom("127.0.0.2", right)).as("locked out from there").contains("<ns1:code>10001")
                .contains("try again in");
        SoapResponse elsewhere = server.client.call("getActiveJobs", TestServer.USER48, TestServer.USER48_PASSWORD, ACTIVE);
        assertThat(elsewhere.isFault()).as("from 127.0.0.1: " + elsewhere).isFalse();
    }

    /** POSTs a SOAP 1.1 request over a connection made from the given loopback address; returns the whole answer. */
    private static String postFrom(String localAddress, String envelope) throws java.io.IOException {
        java.net.URI endpoint = server.client.endpoint();
        byte[] body = envelope.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getByName(endpoint.getHost()),
                endpoint.getPort(), java.net.InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml;"
                    + " charset=UTF-8\r\nSOAPAction: getActiveJobs\r\nConnection: close\r\nContent-Length: "
                    + body.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void passwordsNeverReachTheLog() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            server.client.call("getActiveJobs", TestServer.USER47, "Sup3r-Secret-Typo", ACTIVE);
            server.client.call("getActiveJobs", TestServer.USER47, TestServer.USER47_PASSWORD, ACTIVE);
            checkLogin("47", TestServer.USER48, "An0ther-Secret");
        } finally {
            root.detachAppender(captured);
        }
        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("getActiveJobs") && m.contains("fault 10001"))
                .anyMatch(m -> m.contains("user=" + TestServer.USER47) && m.contains("app=ips-job-service-tests/1.0"))
                .noneMatch(m -> m.contains("Sup3r-Secret-Typo") || m.contains(TestServer.USER47_PASSWORD)
                        || m.contains("An0ther-Secret"));
    }

    private static String checkLogin(String company, String email, String password) {
        SoapResponse response = server.call("checkLogin", "checkLogin/check.xml",
                Map.of("company", company, "email", email, "password", password));
        assertThat(response.isFault()).as(response.toString()).isFalse();
        return response.xpath("//ips:checkLoginReturn/ips:status");
    }
}
