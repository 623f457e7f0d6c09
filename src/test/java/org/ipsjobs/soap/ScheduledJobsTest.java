package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.awaitility.Awaitility;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.ipsjobs.testing.XmlExpect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getScheduledJobs, pauseJob, resumeJob, executeJob and deleteJob on the service's scheduler. */
class ScheduledJobsTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void anIpsScheduleIsListedWithItsNextFireTime() {
        String handle = schedule("Nightly cleanup", "00 00 00 * * ");

        SoapResponse listed = scheduled(handle);

        XmlExpect.matches(listed.body(), "getScheduledJobs-nightly.xml");
        OffsetDateTime next = OffsetDateTime.parse(listed.xpath("//ips:items/ips:nextFireTime"));
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(next.toInstant()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(1)).plusSeconds(1));
        assertThat(server.state("47", handle)).as("not run yet").isEmpty();
    }

    @Test
    void aQuartzCronScheduleIsAcceptedAndEchoedAsSent() {
        String handle = schedule("Quartz style", "0 30 2 ? * MON-FRI");
        SoapResponse listed = scheduled(handle);
        assertThat(listed.xpath("//ips:items/ips:execSchedule")).isEqualTo("0 30 2 ? * MON-FRI");
        OffsetDateTime next = OffsetDateTime.parse(listed.xpath("//ips:items/ips:nextFireTime"));
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(2, 30));
        assertThat(next.getDayOfWeek().getValue()).isBetween(1, 5);
    }

    @Test
    void pauseResumeExecuteDelete() {
        String handle = schedule("Controlled", "0 0 3 * * ?");

        assertThat(server.control("pauseJob", "47", handle).isFault()).isFalse();
        assertThat(triggerState(handle)).isEqualTo("Paused");

        assertThat(server.control("resumeJob", "47", handle).isFault()).isFalse();
        assertThat(triggerState(handle)).isEqualTo("Normal");

        SoapResponse executed = server.control("executeJob", "47", handle);
        assertThat(executed.isFault()).as(executed.toString()).isFalse();
        server.awaitState("47", handle, "Done");
        assertThat(triggerState(handle)).as("still scheduled after running once").isEqualTo("Normal");

        // a run's handle deletes that run only: the schedule stays
        String run = server.runHandle("47", handle);
        assertThat(server.control("deleteJob", "47", run).isFault()).isFalse();
        assertThat(server.state("47", handle)).as("the run is gone").isEmpty();
        assertThat(triggerState(handle)).isEqualTo("Normal");

        assertThat(server.control("deleteJob", "47", handle).isFault()).isFalse();
        assertThat(scheduled(handle).count("//ips:jobArray/ips:items")).isZero();
        assertThat(server.state("47", handle)).as("its finished run is gone too").isEmpty();
        SubmitJobTest.assertFault(server.control("executeJob", "47", handle), "ipsApiFault", 30001);
    }

    @Test
    void aScheduleFiresOnItsOwn() {
        String handle = schedule("Every second", "* * * * * ?");

        server.awaitState("47", handle, "Done");
        SoapResponse run = server.activeJob("47", handle);
        OffsetDateTime trigger = OffsetDateTime.parse(run.xpath("//ips:items/ips:triggerTime"));
        assertThat(trigger.getNano()).as("fired on a whole second").isZero();

        server.control("deleteJob", "47", handle);
    }

    @Test
    void aOneShotJobWaitsForItsExecTimeThenRunsAndLeavesTheSchedule() {
        // on a frozen clock, so a slow machine cannot let the time pass before the listing is read
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        server.clock.freezeAt(now);
        try {
            Instant at = now.plusSeconds(2);
            SoapResponse submitted = server.call("submitJob", "submitJob/exec-time.xml",
                    Map.of("company", "47", "name", "One shot", "time", at.atOffset(ZoneOffset.ofHours(2)).toString()));
            String handle = submitted.xpath("//ips:jobHandle");

            SoapResponse listed = scheduled(handle);
            assertThat(OffsetDateTime.parse(listed.xpath("//ips:items/ips:nextFireTime")).toInstant()).isEqualTo(at);
            assertThat(listed.count("//ips:items/ips:execSchedule")).isZero();
            assertThat(listed.xpath("//ips:items/ips:type")).isEqualTo("ImageOptimization");

            server.clock.advance(Duration.ofSeconds(3));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "Done".equals(server.state("47", handle)));
            assertThat(scheduled(handle).count("//ips:jobArray/ips:items")).isZero();
            SubmitJobTest.assertFault(server.control("executeJob", "47", handle), "ipsApiFault", 30001);
        } finally {
            server.clock.runReal();
        }
    }

    @Test
    void aFarExecTimeCanBePausedAndDeletedBeforeItFires() {
        SoapResponse submitted = server.call("submitJob", "submitJob/exec-time.xml",
                Map.of("company", "47", "name", "Far future", "time", "2040-06-01T12:00:00Z"));
        String handle = submitted.xpath("//ips:jobHandle");

        server.control("pauseJob", "47", handle);
        assertThat(triggerState(handle)).isEqualTo("Paused");
        server.control("deleteJob", "47", handle);
        assertThat(scheduled(handle).count("//ips:jobArray/ips:items")).isZero();
    }

    @Test
    void unknownAndForeignHandlesAre30001ForEveryControl() {
        String foreign = server.submitPublish("48", "Someone else's");
        for (String op : new String[] {"pauseJob", "resumeJob", "stopJob", "deleteJob", "executeJob"}) {
            SoapResponse unknown = server.control(op, "47", "j|47|no such job||");
            SubmitJobTest.assertFault(unknown, "ipsApiFault", 30001);
            assertThat(unknown.faultReason()).contains("j|47|no such job||");

            SoapResponse viaWrongCompany = server.control(op, "47", foreign);
            SubmitJobTest.assertFault(viaWrongCompany, "ipsApiFault", 30001);
        }
    }

    @Test
    void executeAndResumeRefuseAJobThatIsNotScheduled() {
        String handle = server.submitPublish("47", "Plain job");
        SubmitJobTest.assertFault(server.control("executeJob", "47", handle), "ipsApiFault", 30001);
        SubmitJobTest.assertFault(server.control("resumeJob", "47", handle), "ipsApiFault", 30001);
    }

    @Test
    void aUserListsOnlyItsCompanysSchedules() {
        String mine = schedule("Visible to 47", "0 0 4 * * ?");
        SoapResponse other = server.client.call("getScheduledJobs", TestServer.USER48, TestServer.USER48_PASSWORD,
                "<getScheduledJobsParam xmlns=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\"/>");
        assertThat(other.xpathAll("//ips:items/ips:jobHandle")).doesNotContain(mine);
        server.control("deleteJob", "47", mine);
    }

    private static String schedule(String name, String expression) {
        SoapResponse r = server.call("submitJob", "submitJob/scheduled.xml",
                Map.of("company", "47", "name", name, "schedule", expression));
        assertThat(r.isFault()).as(r.toString()).isFalse();
        return r.xpath("//ips:jobHandle");
    }

    private static SoapResponse scheduled(String handle) {
        return server.call("getScheduledJobs", "getScheduledJobs/by-handle.xml", Map.of("company", "47", "handle", handle));
    }

    private static String triggerState(String handle) {
        return scheduled(handle).xpath("//ips:items/ips:triggerState");
    }
}
