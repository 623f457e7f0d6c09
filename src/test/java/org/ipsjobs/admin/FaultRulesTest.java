package org.ipsjobs.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.xml.ws.WebServiceException;

import org.awaitility.Awaitility;
import org.ipsjobs.ipsapi.AuthenticationFault;
import org.ipsjobs.ipsapi.CheckLoginParam;
import org.ipsjobs.ipsapi.GetActiveJobsParam;
import org.ipsjobs.ipsapi.GetJobLogDetailsParam;
import org.ipsjobs.ipsapi.IpsApiFault;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.ipsapi.JobLog;
import org.ipsjobs.ipsapi.JobLogDetail;
import org.ipsjobs.testing.AdminHttp;
import org.ipsjobs.testing.IpsClients;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fault rules of every kind, added through the admin API and seen through a generated SOAP client. */
class FaultRulesTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private final AdminHttp admin = AdminHttp.of(server.server.endpoint());
    private final IpsApiPortType ips = IpsClients.client(server.server.endpoint(), TestServer.ADMIN,
            TestServer.ADMIN_PASSWORD);

    @BeforeEach
    void reset() {
        admin.post("reset", null);
    }

    @Test
    void anOperationAnswersTheGivenFaultTheGivenNumberOfTimes() throws Exception {
        AdminHttp.Answer added = admin.post("faults", "{\"match\": {\"operation\": \"getActiveJobs\"}, \"fault\":"
                + " {\"type\": \"ipsApiFault\", \"code\": 30000, \"reason\": \"injected\"}, \"times\": 2}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("id").asText()).isNotBlank();
        assertThat(added.json().path("times").asInt()).isEqualTo(2);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> ips.getActiveJobs(new GetActiveJobsParam()))
                    .isInstanceOfSatisfying(IpsApiFault.class, e -> {
                        assertThat(e.getFaultInfo().getCode()).isEqualTo(30000);
                        assertThat(e.getFaultInfo().getReason()).isEqualTo("injected");
                    });
        }
        assertThat(ips.getActiveJobs(new GetActiveJobsParam()).getJobArray()).isNotNull();
        assertThat(admin.get("faults").json().path("faults")).as("used up").isEmpty();
    }

    @Test
    void anyFaultTypeCanBeAnsweredAndOnlyMatchingCallsGetIt() throws Exception {
        admin.post("faults", "{\"match\": {\"operation\": \"checkLogin\", \"user\": \"ADMIN@example.com\"},"
                + " \"fault\": {\"type\": \"authenticationFault\", \"code\": 10001, \"reason\": \"expired password\"}}");
        CheckLoginParam check = new CheckLoginParam();
        check.setEmail(TestServer.USER47);
        check.setPassword(TestServer.USER47_PASSWORD);

        assertThatThrownBy(() -> ips.checkLogin(check)).isInstanceOfSatisfying(AuthenticationFault.class,
                e -> assertThat(e.getFaultInfo().getCode()).isEqualTo(10001));
        IpsApiPortType other = IpsClients.client(server.server.endpoint(), TestServer.USER47, TestServer.USER47_PASSWORD);
        assertThat(other.checkLogin(check).getStatus()).as("another caller").isEqualTo("ValidLogin");
        assertThat(other.getActiveJobs(new GetActiveJobsParam())).as("another operation").isNotNull();
    }

    @Test
    void aDelayedAnswerComesLateButComes() throws Exception {
        admin.post("faults", "{\"match\": {\"operation\": \"getActiveJobs\"}, \"delay\": \"400ms\", \"times\": 1}");

        long start = System.nanoTime();
        assertThat(ips.getActiveJobs(new GetActiveJobsParam()).getJobArray()).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aDroppedConnectionIsAResetOrAnEmptyReplyAndTheNextCallIsAnswered() throws Exception {
        for (String how : List.of("reset", "empty")) {
            admin.post("faults", "{\"match\": {\"operation\": \"getActiveJobs\"}, \"disconnect\": \"" + how
                    + "\", \"times\": 1}");
            assertThatThrownBy(() -> ips.getActiveJobs(new GetActiveJobsParam())).as(how)
                    .isInstanceOf(WebServiceException.class);
            assertThat(ips.getActiveJobs(new GetActiveJobsParam()).getJobArray()).isNotNull();
        }
        admin.post("faults", "{\"match\": {\"operation\": \"getActiveJobs\"}, \"disconnect\": \"empty\", \"times\": 1}");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(server.server.endpoint()).header("Content-Type", "text/xml")
                .header("SOAPAction", "getActiveJobs").POST(HttpRequest.BodyPublishers.ofString(SoapClient.envelope11(
                        SoapClient.authHeader(SoapClient.COMMON_NS, TestServer.ADMIN, TestServer.ADMIN_PASSWORD),
                        "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>"))).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .as("no status line at all").isInstanceOf(IOException.class);
        AdminHttp.Answer journal = admin.get("requests?operation=getActiveJobs&outcome=ok");
        assertThat(journal.json().path("requests")).isNotEmpty();
    }

    @Test
    void aJobFailsAtTheGivenItemWithTheGivenMessage() throws Exception {
        admin.post("faults", "{\"match\": {\"jobName\": \"fail-*\"}, \"failAtItem\": 2, \"message\": \"injected failure\"}");

        String failing = server.submitPublish("47", "fail-me");
        String fine = server.submitPublish("47", "fine");
        server.awaitState("47", failing, "Done");
        server.awaitState("47", fine, "Done");

        JobLog log = details(failing);
        assertThat(log.getFileSuccessCount()).isEqualTo(2);
        assertThat(log.getFileErrorCount()).isEqualTo(1);
        List<JobLogDetail> lines = log.getDetailArray().getItems();
        assertThat(lines).extracting(JobLogDetail::getLogType).containsExactly("BeginImageServingPublish",
                "ImageServingPublishSuccess", "ImageServingPublishError", "ImageServingPublishSuccess",
                "EndImageServingPublish");
        assertThat(lines.get(2).getLogMessage()).contains("item 2").contains("injected failure");
        assertThat(details(fine).getFileErrorCount()).as("a name the glob does not match").isZero();
    }

    @Test
    void aStalledRunWaitsUntilReleased() {
        admin.post("faults", "{\"match\": {\"jobName\": \"stall-*\"}, \"stall\": {\"state\": \"Running\", \"atProgress\": 50}}");
        admin.post("faults", "{\"match\": {\"jobName\": \"queue-*\"}, \"stall\": {\"state\": \"WaitingCoordinator\"}}");

        String running = server.submitPublish("47", "stall-running");
        String queued = server.submitPublish("47", "queue-held");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.activeJob("47", running)
                .xpath("//ips:items/ips:progressMessage").startsWith("Stalled by a fault rule"));
        SoapResponse stalled = server.activeJob("47", running);
        assertThat(stalled.xpath("//ips:items/ips:state")).isEqualTo("Running");
        assertThat(stalled.xpath("//ips:items/ips:progress")).isEqualTo("50");
        assertThat(stalled.xpath("//ips:items/ips:taskProgressArray/ips:items/ips:numProcessed")).isEqualTo("1");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.activeJob("47", queued)
                .xpath("//ips:items/ips:progressMessage").startsWith("Held by a fault rule"));
        assertThat(server.state("47", queued)).isEqualTo("WaitingCoordinator");

        AdminHttp.Answer release = admin.post("jobs/" + AdminHttp.segment(running) + "/release", null);
        assertThat(release.json().path("released").asBoolean()).isTrue();
        server.awaitState("47", running, "Done");
        assertThat(admin.post("jobs/" + AdminHttp.segment(queued) + "/release", null).json().path("released").asBoolean())
                .isTrue();
        server.awaitState("47", queued, "Done");
        assertThat(admin.post("jobs/" + AdminHttp.segment(running) + "/release", null).json().path("released")
                .asBoolean()).as("nothing left to release").isFalse();
    }

    @Test
    void aPaceRuleSlowsMatchingRunsOnly() {
        admin.post("clock", "{\"frozenAt\": \"2030-01-01T00:00:00Z\"}");
        try {
            admin.post("faults", "{\"match\": {\"jobType\": \"ImageServingPublish\"}, \"pace\": \"PT1H\"}");
            String slow = server.submitPublish("47", "hours");
            server.awaitState("47", slow, "Running");
            admin.post("clock/advance", "{\"by\": \"PT2H\"}");
            assertThat(server.activeJob("47", slow).xpath("//ips:items/ips:progress")).isEqualTo("66");
            admin.post("clock/advance", "{\"by\": \"PT1H\"}");
            assertThat(server.state("47", slow)).isEqualTo("Done");
        } finally {
            admin.post("clock", "{\"real\": true}");
        }
    }

    @Test
    void badRulesAreRefusedWithTheFieldNamed() {
        Map<String, String> bad = Map.of(
                "{\"delay\": \"1s\", \"disconnect\": \"reset\"}", "",
                "{\"match\": {\"operation\": \"getEverything\"}, \"delay\": \"1s\"}", "match.operation",
                "{\"match\": {\"jobType\": \"Teleport\"}, \"failAtItem\": 1}", "match.jobType",
                "{\"match\": {\"operation\": \"submitJob\"}, \"failAtItem\": 1}", "match.operation",
                "{\"delay\": \"1s\", \"times\": 0}", "times",
                "{\"fault\": {\"type\": \"oopsFault\"}}", "fault.type",
                "{\"stall\": {\"state\": \"Done\"}}", "stall.state",
                "{\"disconnect\": \"politely\"}", "disconnect",
                "{\"match\": {\"colour\": \"red\"}, \"delay\": \"1s\"}", "match.colour");
        for (Map.Entry<String, String> rule : bad.entrySet()) {
            AdminHttp.Answer answer = admin.post("faults", rule.getKey());
            assertThat(answer.status()).as(rule.getKey()).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).as(rule.getKey()).isEqualTo(rule.getValue());
        }
        assertThat(admin.get("faults").json().path("faults")).as("nothing was added").isEmpty();
        assertThat(admin.delete("faults/f999").status()).isEqualTo(404);
    }

    private JobLog details(String jobHandle) throws Exception {
        GetJobLogDetailsParam param = new GetJobLogDetailsParam();
        param.setCompanyHandle("47");
        param.setJobHandle(jobHandle);
        return ips.getJobLogDetails(param).getJobLogArray().getItems().get(0);
    }
}
