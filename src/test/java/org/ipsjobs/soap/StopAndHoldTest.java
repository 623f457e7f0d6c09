package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * stopJob, and pauseJob / resumeJob on a queued job, on a server whose two workers take an hour per
 * item: jobs stay running until stopped, and a third job has to queue.
 */
class StopAndHoldTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Duration.ofHours(1), Duration.ofHours(1));

    @Test
    void stoppingARunningJobIsPromptAndLogged() {
        String handle = server.submitPublish("47", "Long job");
        server.awaitState("47", handle, "Running");

        SoapResponse stop = server.control("stopJob", "47", handle);
        assertThat(stop.isFault()).as(stop.toString()).isFalse();
        assertThat(server.state("47", handle)).isIn("Stopping", "Done");
        server.awaitState("47", handle, "Done");

        SoapResponse job = server.activeJob("47", handle);
        assertThat(job.xpath("//ips:items/ips:progressMessage")).startsWith("Stopped after 0 of 3");
        SoapResponse log = server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", handle));
        assertThat(log.xpathAll("//ips:detailArray/ips:items/ips:logType")).contains("FileCancel");
        assertThat(log.xpathAll("//ips:detailArray/ips:items/ips:logMessage"))
                .anyMatch(m -> m.contains("was stopped by " + TestServer.ADMIN));

        // stopping a job that has finished (the client raced its end) succeeds and changes nothing
        SoapResponse again = server.control("stopJob", "47", handle);
        assertThat(again.isFault()).as(again.toString()).isFalse();
        assertThat(server.state("47", handle)).isEqualTo("Done");
        assertThat(server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", handle))
                .xpathAll("//ips:detailArray/ips:items/ips:logType")).containsOnlyOnce("FileCancel");
        SubmitJobTest.assertFault(server.control("stopJob", "47", "j|47|No such job||"), "ipsApiFault", 30001);
    }

    @Test
    void aQueuedJobCanBeHeldReleasedAndStopped() {
        String first = server.submitPublish("47", "Worker one");
        String second = server.submitPublish("47", "Worker two");
        server.awaitState("47", first, "Running");
        server.awaitState("47", second, "Running");
        String queued = server.submitPublish("47", "Queued job");
        assertThat(server.state("47", queued)).isEqualTo("WaitingCoordinator");
        String queuedRun = server.runHandle("47", queued);

        // the run's handle, as getActiveJobs lists it, works as well as the job's
        assertThat(server.control("pauseJob", "47", queuedRun).isFault()).isFalse();
        server.control("stopJob", "47", first);
        server.awaitState("47", first, "Done");
        // a worker is free now, but the held job must not start
        assertThat(server.state("47", queued)).isEqualTo("WaitingCoordinator");
        SoapResponse waitingHidden = server.call("getActiveJobs", "<getActiveJobsParam xmlns=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\">"
                + "<jobHandle>" + queued + "</jobHandle><includeWaitingJobs>false</includeWaitingJobs></getActiveJobsParam>");
        assertThat(waitingHidden.count("//ips:jobArray/ips:items")).isZero();

        assertThat(server.control("resumeJob", "47", queuedRun).isFault()).isFalse();
        server.awaitState("47", queued, "Running");

        server.control("stopJob", "47", second);
        assertThat(server.control("stopJob", "47", queuedRun).isFault()).isFalse();
        server.awaitState("47", queued, "Done");
        server.awaitState("47", second, "Done");
    }

    @Test
    void stoppingAQueuedJobEndsItWithoutRunning() {
        String a = server.submitPublish("47", "Busy one");
        String b = server.submitPublish("47", "Busy two");
        server.awaitState("47", a, "Running");
        server.awaitState("47", b, "Running");
        String queued = server.submitPublish("47", "Never started");

        server.control("stopJob", "47", queued);

        assertThat(server.state("47", queued)).isEqualTo("Done");
        SoapResponse log = server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", queued));
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileSuccessCount")).isEqualTo("0");
        assertThat(log.xpathAll("//ips:detailArray/ips:items/ips:logMessage")).anyMatch(m -> m.contains("before it started"));
        server.control("stopJob", "47", a);
        server.control("stopJob", "47", b);
        server.awaitState("47", a, "Done");
        server.awaitState("47", b, "Done");
    }

    @Test
    void pausingARunningJobIsRefusedWithAHint() {
        String handle = server.submitPublish("47", "Running, not pausable");
        server.awaitState("47", handle, "Running");

        SoapResponse pause = server.control("pauseJob", "47", handle);

        SubmitJobTest.assertFault(pause, "ipsApiFault", 30001);
        assertThat(pause.faultReason()).contains("stopJob");
        server.control("stopJob", "47", handle);
        server.awaitState("47", handle, "Done");
    }

    @Test
    void deletingARunningJobStopsIt() {
        String handle = server.submitPublish("47", "Deleted while running");
        server.awaitState("47", handle, "Running");

        String run = server.runHandle("47", handle);
        assertThat(server.control("deleteJob", "47", handle).isFault()).isFalse();

        server.awaitState("47", handle, "Done");
        SoapResponse log = server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", handle));
        assertThat(log.xpathAll("//ips:detailArray/ips:items/ips:logType")).contains("FileCancel");
        // the job is gone at once, so its name is free; the stopped run stays listed until it lingers out
        String again = server.submitPublish("47", "Deleted while running");
        assertThat(again).isEqualTo(handle);
        assertThat(server.state("47", run)).isEqualTo("Done");
        server.control("stopJob", "47", again);
    }
}
