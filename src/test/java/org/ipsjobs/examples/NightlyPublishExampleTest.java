package org.ipsjobs.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.ipsjobs.ipsapi.GetJobLogsParam;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.ipsapi.JobLog;
import org.ipsjobs.ipsapi.OptimizeImagesJob;
import org.ipsjobs.ipsapi.SubmitJobParam;
import org.ipsjobs.testing.IpsClients;
import org.ipsjobs.testkit.IpsJobServiceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An example of the test a team writes for its own integration code, with this service standing in
 * for IPS: the code under test schedules a nightly job; the test moves the clock three nights on and
 * checks what the code would read back. (Here the "code under test" is the few lines in the test.)
 */
class NightlyPublishExampleTest {

    @RegisterExtension
    static final IpsJobServiceExtension ips = IpsJobServiceExtension.builder()
            .config("src/test/resources/examples/ips.yaml")
            .frozenClock("2026-03-02T12:00:00+01:00")
            .build();

    @Test
    void aNightlyOptimizeRunsOnceANight() throws Exception {
        IpsApiPortType client = IpsClients.client(ips.endpointUrl(), "integration@example.com", "integration-secret");
        SubmitJobParam nightly = new SubmitJobParam();
        nightly.setCompanyHandle("c|8676");
        nightly.setJobName("nightly-optimize");
        nightly.setExecSchedule("00 30 02 * * ");
        OptimizeImagesJob optimize = new OptimizeImagesJob();
        optimize.setEmailSetting("None");
        nightly.setOptimizeImagesJob(optimize);
        client.submitJob(nightly);

        ips.admin().advanceClock(Duration.ofDays(3));

        GetJobLogsParam query = new GetJobLogsParam();
        query.setCompanyHandle("c|8676");
        List<JobLog> logs = client.getJobLogs(query).getJobLogArray().getItems();
        assertThat(logs).hasSize(3).allSatisfy(log -> {
            assertThat(log.getOriginalJobName()).isEqualTo("nightly-optimize");
            assertThat(log.getStartDate().toLocalTime().toString()).isEqualTo("02:30");
            assertThat(log.getFileErrorCount()).isZero();
        });
    }
}
