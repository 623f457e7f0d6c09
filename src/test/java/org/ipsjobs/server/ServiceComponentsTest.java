package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.schedule.ClockScheduler;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The parts a user of {@link ServiceComponents#builder} can replace are the parts the server runs
 * with: a runner for one job type, the scheduler, and extra interceptors on the SOAP endpoint.
 */
class ServiceComponentsTest {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final AtomicReference<ServiceClock> SCHEDULER_CLOCK = new AtomicReference<>();

    @RegisterExtension
    static final TestServer server = TestServer.withParts(parts -> parts
            .runner(JobType.IMAGE_SERVING_PUBLISH, context -> {
                for (int i = 0; i < context.items().size(); i++) {
                    context.itemStarted(i);
                    context.itemFailed(i, "the disk is full (a runner plugged in by the test)");
                }
            })
            .scheduler((fires, clock, zone) -> {
                SCHEDULER_CLOCK.set(clock);
                return new ClockScheduler(fires, clock, zone);
            })
            .inInterceptor(new AbstractPhaseInterceptor<Message>(Phase.PRE_INVOKE) {
                @Override
                public void handleMessage(Message message) {
                    CALLS.add(message.getExchange().getBindingOperationInfo().getName().getLocalPart());
                }
            }));

    @Test
    void aRunnerForOneJobTypeDoesThatTypesWork() {
        String publish = server.submitPublish("47", "Plugged-in runner");
        server.awaitState("47", publish, "Done");

        SoapResponse log = server.call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", "47",
                "handle", publish));
        assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount")).isEqualTo("3");
        assertThat(log.xpathAll("//ips:detailArray/ips:items/ips:logMessage"))
                .anyMatch(m -> m.contains("the disk is full (a runner plugged in by the test)"));
    }

    @Test
    void theSchedulerIsBuiltOnTheServiceClockAndServesSchedules() {
        SoapResponse submitted = server.call("submitJob", "submitJob/scheduled.xml",
                Map.of("company", "47", "name", "Scheduled through the factory", "schedule", "00 00 03 * * "));
        assertThat(submitted.isFault()).as(submitted.toString()).isFalse();

        assertThat(SCHEDULER_CLOCK.get()).isSameAs(server.clock);
        SoapResponse scheduled = server.call("getScheduledJobs", "getScheduledJobs/by-company.xml", Map.of("company", "47"));
        assertThat(scheduled.xpathAll("//ips:jobArray/ips:items/ips:jobHandle"))
                .contains(submitted.xpath("//ips:jobHandle"));
    }

    @Test
    void extraInterceptorsSeeEveryCall() {
        CALLS.clear();
        server.call("getActiveJobs", "<getActiveJobsParam xmlns=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\"/>");
        server.call("getJobLogs", "logs/getJobLogs.xml", Map.of("company", "47"));

        assertThat(CALLS).containsExactly("getActiveJobs", "getJobLogs");
    }
}
