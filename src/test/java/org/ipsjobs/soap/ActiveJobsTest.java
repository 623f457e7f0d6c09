package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.ipsjobs.testing.XmlExpect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getActiveJobs: a job watched from queue to Done, the filters, company isolation and the linger time. */
class ActiveJobsTest {

    // items take 40 ms each so a poller sees the job running; Done jobs stay for 10 minutes of test clock
    @RegisterExtension
    static final TestServer server = TestServer.start(Duration.ofMillis(40), Duration.ofMinutes(10));

    @Test
    void progressOnlyGrowsUntilDone() {
        String handle = server.submitPublish("47", "Watched job");
        List<Integer> progress = new ArrayList<>();
        List<String> states = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            SoapResponse r = server.activeJob("47", handle);
            progress.add(Integer.parseInt(r.xpath("//ips:items/ips:progress")));
            states.add(r.xpath("//ips:items/ips:state"));
            return states.get(states.size() - 1).equals("Done");
        });

        assertThat(progress).isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(100);
        assertThat(states).contains("Running").last().isEqualTo("Done");
        assertThat(states.stream().distinct().toList()).isSubsetOf("WaitingCoordinator", "Running", "Done");
    }

    @Test
    void aDoneJobReportsEveryFieldHonestly() {
        String handle = server.submitPublish("47", "Finished job");
        server.awaitState("47", handle, "Done");

        SoapResponse r = server.activeJob("47", handle);

        XmlExpect.matches(r.body(), "getActiveJobs-done.xml");
        OffsetDateTime start = OffsetDateTime.parse(r.xpath("//ips:items/ips:startDate"));
        OffsetDateTime trigger = OffsetDateTime.parse(r.xpath("//ips:items/ips:triggerTime"));
        OffsetDateTime last = OffsetDateTime.parse(r.xpath("//ips:items/ips:lastProgressUpdate"));
        assertThat(trigger).isBeforeOrEqualTo(start);
        assertThat(start).isBeforeOrEqualTo(last);
        assertThat(r.xpathAll("//ips:taskItemProgressArray/ips:items/ips:progress")).containsOnly("1.0");
    }

    @Test
    void filtersByCompanyHandleAndOriginalName() {
        String a = server.runHandle("47", server.submitPublish("47", "Filter me"));
        String b = server.submitPublish("47", "Filter me too");
        String other = server.runHandle("48", server.submitPublish("48", "Filter me"));

        SoapResponse byName = server.call("getActiveJobs", "getActiveJobs/by-original-name.xml", Map.of("name", "Filter me"));
        assertThat(byName.xpathAll("//ips:jobArray/ips:items/ips:jobHandle")).containsExactlyInAnyOrder(a, other);

        SoapResponse byCompany = server.call("getActiveJobs", "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS
                + "\"><companyHandle>48</companyHandle><originalName>Filter me</originalName></getActiveJobsParam>");
        assertThat(byCompany.xpathAll("//ips:jobArray/ips:items/ips:jobHandle")).containsExactly(other);

        SoapResponse byHandle = server.activeJob("47", b);
        assertThat(byHandle.xpathAll("//ips:jobArray/ips:items/ips:originalName")).containsExactly("Filter me too");
        String run = byHandle.xpath("//ips:jobArray/ips:items/ips:jobHandle");
        assertThat(server.activeJob("47", run).xpathAll("//ips:jobArray/ips:items/ips:jobHandle")).containsExactly(run);
    }

    @Test
    void aUserSeesOnlyItsOwnCompanysJobs() {
        String mine = server.runHandle("48", server.submitPublish("48", "Isolated 48"));
        String theirJob = server.submitPublish("47", "Isolated 47");
        String theirs = server.runHandle("47", theirJob);

        SoapResponse all = server.client.call("getActiveJobs", TestServer.USER48, TestServer.USER48_PASSWORD,
                "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>");
        assertThat(all.xpathAll("//ips:jobArray/ips:items/ips:jobHandle")).contains(mine).doesNotContain(theirs);
        assertThat(all.xpathAll("//ips:items/ips:companyHandle")).containsOnly("48");

        for (String foreign : List.of(theirJob, theirs)) {
            SoapResponse foreignHandle = server.client.call("getActiveJobs", TestServer.USER48, TestServer.USER48_PASSWORD,
                    "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"><jobHandle>" + foreign + "</jobHandle></getActiveJobsParam>");
            assertThat(foreignHandle.isFault()).isFalse();
            assertThat(foreignHandle.count("//ips:jobArray/ips:items")).isZero();
        }

        SoapResponse foreignCompany = server.client.call("getActiveJobs", TestServer.USER48, TestServer.USER48_PASSWORD,
                SoapClient.request("getActiveJobs/by-company.xml", Map.of("company", "47")));
        SubmitJobTest.assertFault(foreignCompany, "authorizationFault", 20006);
        assertThat(foreignCompany.body()).doesNotContain("Isolated 47");
    }

    @Test
    void anEmptyListIsAnEmptyJobArray() {
        SoapResponse r = server.call("getActiveJobs", "getActiveJobs/by-original-name.xml", Map.of("name", "never submitted"));
        assertThat(r.count("//ips:getActiveJobsReturn/ips:jobArray")).isEqualTo(1);
        assertThat(r.count("//ips:jobArray/*")).isZero();
    }

    @Test
    void aDoneJobDisappearsAfterTheLingerTimeButItsLogStays() {
        String handle = server.submitPublish("47", "Lingering job");
        server.awaitState("47", handle, "Done");
        String run = server.runHandle("47", handle);

        server.clock.advance(Duration.ofMinutes(9));
        assertThat(server.state("47", handle)).isEqualTo("Done");

        server.clock.advance(Duration.ofMinutes(2));
        assertThat(server.state("47", handle)).isEmpty();
        assertThat(server.state("47", run)).isEmpty();
        SoapResponse log = server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47", "handle", run));
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:jobHandle")).isEqualTo(run);
        SoapResponse stop = server.control("stopJob", "47", handle);
        SubmitJobTest.assertFault(stop, "ipsApiFault", 30001);
        assertThat(server.submitPublish("47", "Lingering job")).as("the name is free again").isEqualTo(handle);
    }
}
