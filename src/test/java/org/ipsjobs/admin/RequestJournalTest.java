package org.ipsjobs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.ipsjobs.server.IpsJobServer;
import org.ipsjobs.testing.AdminHttp;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request journal: what was received, as a test reads it back to verify its code's calls. */
class RequestJournalTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private final AdminHttp admin = AdminHttp.of(server.server.endpoint());

    @BeforeEach
    void reset() {
        admin.post("reset", null);
    }

    @Test
    void eachCallIsJournalledWithWhoWhatAndHowItEndedSecretsRedacted() {
        String handle = server.submitPublish("47", "Journalled");
        SoapResponse refused = server.client.call("getActiveJobs", TestServer.USER48, TestServer.USER48_PASSWORD,
                SoapClient.request("getActiveJobs/by-company.xml", Map.of("company", "47")));
        assertThat(refused.faultCode()).isEqualTo(20006);
        server.client.post12("getScheduledJobs", SoapClient.envelope12(SoapClient.authHeader(SoapClient.COMMON_NS,
                TestServer.ADMIN, TestServer.ADMIN_PASSWORD), "<getScheduledJobsParam xmlns=\"" + SoapClient.API_NS
                + "\"><companyHandle>47</companyHandle></getScheduledJobsParam>"));

        AdminHttp.Answer answer = admin.get("requests");
        JsonNode requests = answer.json().path("requests");

        assertThat(answer.json().path("enabled").asBoolean()).isTrue();
        assertThat(requests).hasSize(3);
        assertThat(texts(requests, "operation")).as("newest first")
                .containsExactly("getScheduledJobs", "getActiveJobs", "submitJob");
        JsonNode submit = requests.get(2);
        assertThat(submit.path("entryPoint").asText()).isEqualTo("SOAP 1.1");
        assertThat(submit.path("apiVersion").asText()).isEqualTo("2022-11-01-beta");
        assertThat(submit.path("caller").asText()).isEqualTo(TestServer.ADMIN);
        assertThat(submit.path("company").asText()).isEqualTo("47");
        assertThat(texts(submit.path("handles"), null)).containsExactly(handle);
        assertThat(submit.path("outcome").path("fault").isNull()).isTrue();
        assertThat(submit.path("headers").path("SOAPAction").asText()).isEqualTo("\"submitJob\"");
        assertThat(submit.path("requestBody").asText()).contains("<jobName>Journalled</jobName>")
                .contains("<password>***</password>");
        assertThat(submit.path("responseBody").asText()).contains("submitJobReturn").contains(handle);
        assertThat(submit.path("durationMillis").asDouble()).isPositive();
        JsonNode fault = requests.get(1);
        assertThat(fault.path("caller").asText()).isEqualTo(TestServer.USER48);
        assertThat(fault.path("outcome").path("fault").asText()).isEqualTo("authorizationFault");
        assertThat(fault.path("outcome").path("code").asInt()).isEqualTo(20006);
        assertThat(requests.get(0).path("entryPoint").asText()).isEqualTo("SOAP 1.2");
        assertThat(answer.body()).doesNotContain(TestServer.ADMIN_PASSWORD).doesNotContain(TestServer.USER48_PASSWORD);
    }

    @Test
    void filtersCountsAndClears() {
        server.submitPublish("47", "One");
        server.submitPublish("48", "Two");
        server.client.call("stopJob", TestServer.ADMIN, TestServer.ADMIN_PASSWORD,
                SoapClient.request("control/stopJob.xml", Map.of("company", "47", "handle", "j|47|none||")));

        assertThat(admin.get("requests?operation=submitJob").json().path("requests")).hasSize(2);
        assertThat(admin.get("requests?company=48").json().path("requests")).hasSize(1);
        assertThat(texts(admin.get("requests?outcome=fault").json().path("requests"), "operation"))
                .containsExactly("stopJob");
        assertThat(admin.get("requests?limit=1").json().path("requests")).hasSize(1);
        assertThat(admin.get("requests?since=2999-01-01T00:00:00Z").json().path("requests")).isEmpty();

        assertThat(count("{\"operation\": \"submitJob\"}")).isEqualTo(2);
        assertThat(count("{\"operation\": \"submitJob\", \"bodyContains\": \"<jobName>Two</jobName>\"}")).isEqualTo(1);
        assertThat(count("{\"header\": {\"name\": \"soapaction\", \"value\": \"\\\"stopJob\\\"\"}}")).isEqualTo(1);
        assertThat(count("{}")).isEqualTo(3);

        assertThat(admin.get("requests?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("requests?outcome=maybe").json().path("field").asText()).isEqualTo("outcome");
        assertThat(admin.post("requests/count", "{\"header\": {\"value\": \"x\"}}").json().path("field").asText())
                .isEqualTo("header.name");

        assertThat(admin.delete("requests").status()).isEqualTo(200);
        assertThat(count("{}")).isZero();
    }

    @Test
    void basicCredentialsAndThePlainXmlApiAreJournalledToo() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((TestServer.ADMIN + ":" + TestServer.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        server.client.post(Map.of("Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "getActiveJobs",
                "Authorization", basic), SoapClient.envelope11("", "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS
                + "\"/>").getBytes(StandardCharsets.UTF_8));
        SoapClient plain = new SoapClient(server.client.endpoint().resolve(IpsJobServer.CONTEXT_PATH
                + IpsJobServer.PLAIN_XML_PATH));
        plain.post(Map.of("Content-Type", "text/xml"), ("<Request xmlns=\"" + SoapClient.API_NS + "\">"
                + SoapClient.authHeader(SoapClient.API_NS, TestServer.ADMIN, TestServer.ADMIN_PASSWORD)
                + "<getCompanyInfoParam><companyHandle>47</companyHandle></getCompanyInfoParam></Request>")
                .getBytes(StandardCharsets.UTF_8));

        JsonNode requests = admin.get("requests").json().path("requests");

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).path("entryPoint").asText()).isEqualTo("plain XML");
        assertThat(requests.get(0).path("operation").asText()).isEqualTo("getCompanyInfo");
        assertThat(requests.get(1).path("headers").path("Authorization").asText()).isEqualTo("***");
        assertThat(requests.get(1).path("caller").asText()).isEqualTo(TestServer.ADMIN);
        assertThat(requests.toString()).doesNotContain(basic.substring(6)).doesNotContain(TestServer.ADMIN_PASSWORD);
    }

    /**
     * A test asks the journal right after its call was answered, usually on another connection: the
     * entry must be there by then. Recorded after the answer was completed, about one try in 25 missed
     * its call, so 200 tries catch that ordering coming back.
     */
    @Test
    void aCallIsJournalledBeforeItsAnswerIsComplete() {
        String body = SoapClient.request("getActiveJobs/by-company.xml", Map.of("company", "47"));
        for (int i = 1; i <= 200; i++) {
            server.call("getActiveJobs", body);
            assertThat(count("{\"operation\": \"getActiveJobs\"}")).as("journal count after answer %d", i).isEqualTo(i);
        }
    }

    private int count(String matcher) {
        AdminHttp.Answer answer = admin.post("requests/count", matcher);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("count").asInt();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(field == null ? n.asText() : n.path(field).asText());
        }
        return out;
    }
}
