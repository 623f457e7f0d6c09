package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schedules, runs and expiry follow the one service clock: days pass in no time when it is advanced. */
class ClockTravelTest {

    private static final Instant START = Instant.parse("2030-06-01T15:20:00Z");
    @RegisterExtension
    static final TestServer server = TestServer.start(Duration.ofSeconds(10), Duration.ofMinutes(10));

    @Test
    void aNightlyScheduleFiresOncePerNightAsTheClockAdvancesThreeDays() {
        server.clock.freezeAt(START);
        SoapResponse submitted = server.call("submitJob", "submitJob/scheduled.xml", Map.of("company", "47",
                "name", "Three nights", "schedule", "00 00 00 * * "));
        assertThat(submitted.isFault()).as(submitted.toString()).isFalse();

        long started = System.nanoTime();
        server.clock.advance(Duration.ofDays(3)); // each run walks its 3 items at 10 s each, in virtual time
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no real waiting").isLessThan(Duration.ofSeconds(10));

        SoapResponse logs = server.call("getJobLogs", "logs/getJobLogs-sorted.xml", Map.of("company", "47",
                "sortBy", "StartDate", "direction", "Ascending", "numRows", "1000"));
        assertThat(logs.xpathAll("//ips:items[ips:originalJobName='Three nights']/ips:startDate").stream()
                .map(d -> OffsetDateTime.parse(d).toInstant()).toList()).containsExactly(
                Instant.parse("2030-06-02T00:00:00Z"), Instant.parse("2030-06-03T00:00:00Z"),
                Instant.parse("2030-06-04T00:00:00Z"));
        assertThat(logs.xpathAll("//ips:items[ips:originalJobName='Three nights']/ips:endDate"))
                .as("three items at 10 s each").allMatch(d -> d.contains("T00:00:30"));
        // each night's run stayed listed for ten minutes, then was swept; the last one too, by now
        assertThat(server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "47"))
                .count("//ips:jobArray/ips:items")).isZero();
    }

    @Test
    void moreJobsThanWorkersAllRunWhenTheClockAdvances() {
        server.clock.freezeAt(START);
        // two workers: three of the five jobs wait in the queue while the first two pace through their items
        for (int i = 1; i <= 5; i++) {
            SoapResponse submitted = server.call("submitJob", "submitJob/image-serving-publish.xml",
                    Map.of("company", "47", "name", "Queued " + i));
            assertThat(submitted.isFault()).as(submitted.toString()).isFalse();
        }

        server.clock.advance(Duration.ofMinutes(2)); // three rounds of 30 s

        SoapResponse active = server.call("getActiveJobs", "getActiveJobs/by-company.xml", Map.of("company", "47"));
        assertThat(active.xpathAll("//ips:items[starts-with(ips:originalName,'Queued ')]/ips:state"))
                .as(active.toString()).hasSize(5).containsOnly("Done");
    }
}
