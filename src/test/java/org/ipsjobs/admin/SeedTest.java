package org.ipsjobs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.ipsjobs.testing.AdminHttp;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seeding companies, users and jobs in every state, all or nothing, in JSON, YAML and at start-up. */
class SeedTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private final AdminHttp admin = AdminHttp.of(server.server.endpoint());

    @BeforeEach
    void reset() {
        admin.post("reset", null);
    }

    @Test
    void jobsAppearInTheStatesTheSeedGivesThem() {
        AdminHttp.Answer seeded = admin.post("seed", """
                {"companies": [{"handle": "c|9000", "name": "Seeded Co"}],
                 "users": [{"email": "seeded@example.com", "password": "seeded-pw", "role": "IpsCompanyAdmin",
                            "companies": ["c|9000"]}],
                 "jobs": [
                   {"company": "c|9000", "name": "nightly", "schedule": "00 00 03 * * "},
                   {"company": "c|9000", "name": "waiting", "state": "Queued"},
                   {"company": "c|9000", "name": "halfway", "state": "Running", "progress": 40,
                    "submittedBy": "seeded@example.com"},
                   {"company": "c|9000", "name": "finished", "type": "UrlUpload",
                    "items": ["http://images.example.com/a.jpg", "http://images.example.com/b.jpg"],
                    "log": {"lines": [
                      {"type": "UploadSuccess", "message": "a.jpg arrived", "assetName": "a.jpg", "assetHandle": "a|9000|1"},
                      {"type": "UploadError", "message": "b.jpg answered 404", "assetName": "b.jpg"}]}}]}
                """);

        assertThat(seeded.status()).as(seeded.body()).isEqualTo(201);
        assertThat(seeded.json().path("jobs")).hasSize(4);
        assertThat(seeded.json().path("runs")).hasSize(3);
        SoapClient seededUser = server.client;
        SoapResponse scheduled = seededUser.call("getScheduledJobs", "seeded@example.com", "seeded-pw",
                SoapClient.request("getScheduledJobs/by-company.xml", Map.of("company", "c|9000")));
        assertThat(scheduled.xpathAll("//ips:jobArray/ips:items/ips:jobHandle")).containsExactly("j|9000|nightly||");
        assertThat(stateOf("waiting")).isEqualTo("WaitingCoordinator");
        server.awaitState("c|9000", "j|9000|halfway||", "Running");
        SoapResponse halfway = server.activeJob("c|9000", "j|9000|halfway||");
        assertThat(halfway.xpath("//ips:items/ips:progress")).isEqualTo("40");
        assertThat(halfway.xpath("//ips:items/ips:submitUserEmail")).isEqualTo("seeded@example.com");
        assertThat(stateOf("finished")).isEqualTo("Done");
        SoapResponse log = server.call("getJobLogDetails", "logs/getJobLogDetails.xml",
                Map.of("company", "c|9000", "handle", "j|9000|finished||"));
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("1");
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount")).isEqualTo("1");
        assertThat(log.xpathAll("//ips:detailArray/ips:items/ips:logMessage"))
                .containsExactly("a.jpg arrived", "b.jpg answered 404");

        admin.post("jobs/" + AdminHttp.segment("j|9000|halfway||") + "/release", null);
        admin.post("jobs/" + AdminHttp.segment("j|9000|waiting||") + "/release", null);
        server.awaitState("c|9000", "j|9000|halfway||", "Done");
        server.awaitState("c|9000", "j|9000|waiting||", "Done");
    }

    @Test
    void aYamlSeedWorksTooAndDatesAreKept() {
        AdminHttp.Answer seeded = admin.send("POST", "seed", """
                jobs:
                  - company: "47"
                    name: last-month
                    startDate: 2026-05-01T10:00:00Z
                    endDate: 2026-05-01T10:05:00Z
                    log: {successCount: 3}
                """);
        assertThat(seeded.status()).as(seeded.body()).isEqualTo(201);

        SoapResponse logs = server.call("getJobLogs", "logs/getJobLogs.xml", Map.of("company", "47"));
        assertThat(logs.xpath("//ips:jobLogArray/ips:items/ips:startDate")).isEqualTo("2026-05-01T10:00:00.000Z");
        assertThat(logs.xpath("//ips:jobLogArray/ips:items/ips:endDate")).isEqualTo("2026-05-01T10:05:00.000Z");
        assertThat(logs.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("3");
    }

    @Test
    void aSeedWithOneMistakeChangesNothingAndNamesTheField() {
        AdminHttp.Answer refused = admin.post("seed", """
                {"companies": [{"handle": "c|9100"}],
                 "jobs": [{"company": "c|9100", "name": "good"},
                          {"company": "c|9100", "name": "bad", "schedule": "whenever"}]}
                """);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("jobs[1]");
        assertThat(refused.json().path("error").asText()).contains("whenever");
        assertThat(server.call("getCompanyInfo", "<getCompanyInfoParam xmlns=\"" + SoapClient.API_NS
                + "\"><companyHandle>c|9100</companyHandle></getCompanyInfoParam>").isFault()).isTrue();
        assertThat(admin.get("jobs").json().path("jobs")).isEmpty();

        for (String[] bad : new String[][] {
                {"{\"jobs\": [{\"company\": \"47\", \"name\": \"x\", \"state\": \"Sleeping\"}]}", "jobs[0].state"},
                {"{\"jobs\": [{\"company\": \"nowhere\", \"name\": \"x\"}]}", "jobs[0].company"},
                {"{\"jobs\": [{\"company\": \"47\", \"name\": \"x\", \"state\": \"Running\", \"progress\": 100}]}",
                        "jobs[0].progress"},
                {"{\"users\": [{\"email\": \"u@example.com\", \"password\": \"p\", \"role\": \"King\"}]}", "users[0].role"},
                {"{\"companies\": [{\"handle\": \"47\"}]}", "companies[0].handle"},
                {"{\"jobs\": [{\"company\": \"47\", \"name\": \"a\"}, {\"company\": \"47\", \"name\": \"a\"}]}",
                        "jobs[1].name"},
                {"{\"jobs\": [{\"company\": \"47\", \"nmae\": \"a\"}]}", "jobs[0].nmae"}}) {
            AdminHttp.Answer answer = admin.post("seed", bad[0]);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(admin.get("jobs").json().path("jobs")).isEmpty();
    }

    @Test
    void resetForgetsSeededCompaniesAndUsers() {
        admin.post("seed", "{\"companies\": [{\"handle\": \"c|9200\"}], \"users\": [{\"email\": \"gone@example.com\","
                + " \"password\": \"gone-pw\", \"role\": \"IpsUser\", \"companies\": [\"c|9200\"]}]}");
        assertThat(server.client.call("getActiveJobs", "gone@example.com", "gone-pw", "<getActiveJobsParam xmlns=\""
                + SoapClient.API_NS + "\"/>").isFault()).isFalse();

        admin.post("reset", null);

        assertThat(server.client.call("getActiveJobs", "gone@example.com", "gone-pw", "<getActiveJobsParam xmlns=\""
                + SoapClient.API_NS + "\"/>").faultCode()).isEqualTo(10001);
    }

    private String stateOf(String name) {
        return server.state("c|9000", "j|9000|" + name + "||");
    }

}
