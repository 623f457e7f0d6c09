package org.ipsjobs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.ipsjobs.testing.AdminHttp;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin API over real HTTP: health, reset, the jobs view, settings, and what bad input gets. */
class AdminApiTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private final AdminHttp admin = AdminHttp.of(server.server.endpoint());

    @BeforeEach
    void reset() {
        assertThat(admin.post("reset", null).status()).isEqualTo(200);
    }

    @Test
    void healthSaysUpWithVersionCountsAndClock() {
        String job = server.submitPublish("47", "Counted");
        server.awaitState("47", job, "Done");

        AdminHttp.Answer health = admin.get("health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type")).startsWith("application/json");
        JsonNode json = health.json();
        assertThat(json.path("status").asText()).isEqualTo("UP");
        assertThat(json.path("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(json.path("uptimeSeconds").asDouble()).isPositive();
        assertThat(json.path("jobs").asInt()).isEqualTo(1);
        assertThat(json.path("runsByState").path("Done").asInt()).isEqualTo(1);
        assertThat(json.path("clock").path("mode").asText()).isEqualTo("real");
    }

    @Test
    void resetForgetsJobsSchedulesLogsRulesAndTheJournal() {
        String done = server.submitPublish("47", "Before reset");
        server.awaitState("47", done, "Done");
        assertThat(server.call("submitJob", "submitJob/scheduled.xml", Map.of("company", "47", "name", "Nightly",
                "schedule", "00 00 00 * * ")).isFault()).isFalse();
        assertThat(admin.post("faults", "{\"match\": {\"operation\": \"checkLogin\"}, \"delay\": \"1ms\"}").status())
                .isEqualTo(201);
        assertThat(admin.post("settings", null).status()).as("settings take PATCH").isEqualTo(405);
        assertThat(admin.patch("settings", "{\"workers\": 7}").json().path("workers").asInt()).isEqualTo(7);

        AdminHttp.Answer reset = admin.post("reset", null);

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("reset").asBoolean()).isTrue();
        assertThat(server.state("47", done)).isEmpty();
        assertThat(server.call("getScheduledJobs", "getScheduledJobs/by-company.xml", Map.of("company", "47"))
                .count("//ips:jobArray/ips:items")).isZero();
        assertThat(server.call("getJobLogs", "logs/getJobLogs.xml", Map.of("company", "47"))
                .count("//ips:jobLogArray/ips:items")).isZero();
        assertThat(admin.get("faults").json().path("faults")).isEmpty();
        assertThat(admin.get("requests").json().path("requests")).as("only calls made since").hasSize(3);
        assertThat(admin.get("settings").json().path("workers").asInt()).as("back to the configuration").isEqualTo(2);
        assertThat(admin.get("jobs").json().path("jobs")).isEmpty();
        assertThat(server.submitPublish("47", "Before reset")).as("the name is free").isEqualTo(done);
    }

    @Test
    void jobsShowWhatTheServiceHolds() {
        String job = server.submitPublish("47", "Shown");
        server.awaitState("47", job, "Done");
        String run = server.runHandle("47", job);

        JsonNode all = admin.get("jobs").json().path("jobs");
        JsonNode one = admin.get("jobs/" + AdminHttp.segment(job)).json();
        JsonNode byRun = admin.get("jobs/" + AdminHttp.segment(run)).json();

        assertThat(all).hasSize(1);
        assertThat(one.path("handle").asText()).isEqualTo(job);
        assertThat(one.path("company").asText()).isEqualTo("47");
        assertThat(one.path("type").asText()).isEqualTo("ImageServingPublish");
        assertThat(one.path("runs").get(0).path("handle").asText()).isEqualTo(run);
        assertThat(one.path("runs").get(0).path("state").asText()).isEqualTo("Done");
        assertThat(one.path("runs").get(0).path("progress").asInt()).isEqualTo(100);
        assertThat(byRun.path("runs")).hasSize(1);
        AdminHttp.Answer unknown = admin.get("jobs/" + AdminHttp.segment("j|47|nothing||"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("j|47|nothing||");
    }

    @Test
    void settingsChangeAtRunTimeAndRefuseNonsense() {
        AdminHttp.Answer changed = admin.patch("settings", "{\"pace\": \"PT0.25S\", \"doneLinger\": \"2h\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("pace").asText()).isEqualTo("PT0.25S");
        assertThat(changed.json().path("doneLinger").asText()).isEqualTo("PT2H");
        assertThat(changed.json().path("workers").asInt()).isEqualTo(2);

        AdminHttp.Answer badWorkers = admin.patch("settings", "{\"workers\": 0}");
        assertThat(badWorkers.status()).isEqualTo(400);
        assertThat(badWorkers.json().path("field").asText()).isEqualTo("workers");
        AdminHttp.Answer badPace = admin.patch("settings", "{\"pace\": \"soon\"}");
        assertThat(badPace.status()).isEqualTo(400);
        assertThat(badPace.json().path("field").asText()).isEqualTo("pace");
        assertThat(badPace.json().path("error").asText()).contains("soon").contains("PT10M");
        AdminHttp.Answer typo = admin.patch("settings", "{\"pase\": \"1s\", \"workers\": 3}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("field").asText()).isEqualTo("pase");
        assertThat(admin.get("settings").json().path("workers").asInt()).as("nothing changed").isEqualTo(2);
        assertThat(admin.get("settings").json().path("pace").asText()).isEqualTo("PT0.25S");
    }

    @Test
    void badRequestsGetJsonErrorsWithoutJavaNames() {
        AdminHttp.Answer notJson = admin.post("clock", "{frozenAt: nope");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").asText()).contains("not JSON").contains("line 1");

        AdminHttp.Answer twoModes = admin.post("clock", "{\"real\": true, \"offset\": \"PT1H\"}");
        assertThat(twoModes.status()).isEqualTo(400);
        assertThat(twoModes.json().path("error").asText()).contains("exactly one");

        AdminHttp.Answer nowhere = admin.get("nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().path("error").asText()).contains("openapi.json");

        AdminHttp.Answer wrongMethod = admin.delete("clock");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, POST");

        AdminHttp.Answer array = admin.post("faults", "[1, 2]");
        assertThat(array.status()).isEqualTo(400);
        for (AdminHttp.Answer a : new AdminHttp.Answer[] {notJson, twoModes, nowhere, wrongMethod, array}) {
            assertThat(a.body()).doesNotContain("org.ipsjobs").doesNotContain("com.fasterxml").doesNotContain("Exception");
        }
    }

    @Test
    void theSoapEndpointStillAnswersWhileTheAdminApiIsUsed() {
        SoapResponse soap = server.call("getActiveJobs", "<getActiveJobsParam xmlns=\"" + org.ipsjobs.testing.SoapClient.API_NS
                + "\"/>");
        assertThat(soap.isFault()).isFalse();
        assertThat(admin.get("health").status()).isEqualTo(200);
    }
}
