package org.ipsjobs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.ipsjobs.testing.AdminHttp;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The clock through the admin API: freeze, offset, real time, and a week of a nightly job in one call. */
class ClockAdminTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private final AdminHttp admin = AdminHttp.of(server.server.endpoint());

    @AfterEach
    void backToRealTime() {
        admin.post("reset", null);
        admin.post("clock", "{\"real\": true}");
    }

    @Test
    void freezesRunsAtAnOffsetAndReturnsToRealTime() {
        AdminHttp.Answer frozen = admin.post("clock", "{\"frozenAt\": \"2030-01-01T12:00:00Z\"}");
        assertThat(frozen.status()).isEqualTo(200);
        assertThat(frozen.json().path("mode").asText()).isEqualTo("frozen");
        assertThat(frozen.json().path("now").asText()).isEqualTo("2030-01-01T12:00:00Z");
        assertThat(admin.get("clock").json().path("now").asText()).as("frozen means frozen")
                .isEqualTo("2030-01-01T12:00:00Z");
        String job = server.submitPublish("47", "Stamped");
        server.awaitState("47", job, "Done");
        assertThat(server.activeJob("47", job).xpath("//ips:items/ips:startDate")).isEqualTo("2030-01-01T12:00:00.000Z");

        AdminHttp.Answer offset = admin.post("clock", "{\"offset\": \"PT2H\"}");
        assertThat(offset.json().path("mode").asText()).isEqualTo("offset");
        Instant shifted = Instant.parse(offset.json().path("now").asText());
        assertThat(shifted).isAfter(Instant.now().plusSeconds(7100)).isBefore(Instant.now().plusSeconds(7300));

        AdminHttp.Answer real = admin.post("clock", "{\"real\": true}");
        assertThat(real.json().path("mode").asText()).isEqualTo("real");
        assertThat(real.json().path("offset").asText()).isEqualTo("PT0S");

        AdminHttp.Answer badInstant = admin.post("clock", "{\"frozenAt\": \"tomorrow\"}");
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.json().path("field").asText()).isEqualTo("frozenAt");
        AdminHttp.Answer backwards = admin.post("clock/advance", "{\"by\": \"-PT1H\"}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("field").asText()).isEqualTo("by");
    }

    @Test
    void aWeekOfANightlyJobFiresPacesAndExpiresInOrder() {
        admin.post("clock", "{\"frozenAt\": \"2030-01-01T12:00:00Z\"}");
        // three items at ten minutes each: a run takes half an hour; a Done run stays listed for an hour
        admin.patch("settings", "{\"pace\": \"PT10M\", \"doneLinger\": \"PT1H\"}");
        SoapResponse submitted = server.call("submitJob", "submitJob/scheduled.xml",
                Map.of("company", "47", "name", "Nightly", "schedule", "00 00 00 * * "));
        assertThat(submitted.isFault()).as(submitted.toString()).isFalse();

        AdminHttp.Answer week = admin.post("clock/advance", "{\"by\": \"P7D\"}");

        assertThat(week.status()).isEqualTo(200);
        assertThat(week.json().path("to").asText()).isEqualTo("2030-01-08T12:00:00Z");
        List<String> events = new ArrayList<>();
        for (JsonNode e : week.json().path("events")) {
            events.add(e.path("kind").asText() + " " + e.path("at").asText());
        }
        List<String> expected = new ArrayList<>();
        for (int day = 2; day <= 8; day++) {
            String date = String.format("2030-01-%02d", day);
            expected.add("queued " + date + "T00:00:00Z");
            expected.add("started " + date + "T00:00:00Z");
            expected.add("finished " + date + "T00:30:00Z");
            expected.add("expired " + date + "T01:30:00Z");
        }
        assertThat(events).containsExactlyElementsOf(expected);

        SoapResponse logs = server.call("getJobLogs", "logs/getJobLogs.xml", Map.of("company", "47"));
        assertThat(logs.xpathAll("//ips:jobLogArray/ips:items/ips:startDate")).containsExactlyInAnyOrder(
                "2030-01-02T00:00:00.000Z", "2030-01-03T00:00:00.000Z", "2030-01-04T00:00:00.000Z",
                "2030-01-05T00:00:00.000Z", "2030-01-06T00:00:00.000Z", "2030-01-07T00:00:00.000Z",
                "2030-01-08T00:00:00.000Z");
        assertThat(admin.get("jobs").json().path("jobs").get(0).path("trigger").path("nextFireTime").asText())
                .isEqualTo("2030-01-09T00:00:00Z");
    }

    @Test
    void aFrozenClockMovesARunOnlyAsItAdvances() {
        admin.post("clock", "{\"frozenAt\": \"2030-06-01T08:00:00Z\"}");
        admin.patch("settings", "{\"pace\": \"PT1M\"}");
        String job = server.submitPublish("47", "Paced by the clock");
        server.awaitState("47", job, "Running");

        AdminHttp.Answer minute = admin.post("clock/advance", "{\"by\": \"PT1M\"}");
        assertThat(minute.json().path("steps").asInt()).isEqualTo(1);
        assertThat(server.activeJob("47", job).xpath("//ips:items/ips:progress")).isEqualTo("33");

        admin.post("clock/advance", "{\"by\": \"PT2M\"}");
        assertThat(server.state("47", job)).isEqualTo("Done");
    }
}
