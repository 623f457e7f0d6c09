package org.ipsjobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.ipsjobs.ipsapi.GetActiveJobsParam;
import org.ipsjobs.ipsapi.ImageServingPublishJob;
import org.ipsjobs.ipsapi.IpsApiFault;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.ipsapi.SubmitJobParam;
import org.ipsjobs.testing.IpsClients;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as a user registers it: one server per class, reset and re-frozen before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IpsJobServiceExtensionTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    @RegisterExtension
    static final IpsJobServiceExtension ips = IpsJobServiceExtension.builder().frozenClock(START).build();

    @Test
    @Order(1)
    void startsAServerWithAFrozenClockAndGeneratedCredentials() throws Exception {
        assertThat(ips.endpointUrl().toString()).startsWith("http://127.0.0.1:").endsWith("/scene7/services/IpsApiService");
        assertThat(ips.wsdlUrl("2013-02-15").toString()).endsWith("/scene7/webservice/IpsApi-2013-02-15.wsdl");
        assertThat(ips.admin().health().status()).isEqualTo("UP");
        assertThat(ips.admin().clock().now()).isEqualTo(START);

        IpsApiPortType client = IpsClients.client(ips.endpointUrl(), ips.adminUser(), ips.adminPassword());
        SubmitJobParam submit = new SubmitJobParam();
        submit.setCompanyHandle("c|1");
        submit.setJobName("From the extension");
        ImageServingPublishJob publish = new ImageServingPublishJob();
        publish.setPublishType("Full");
        publish.setEmailSetting("None");
        submit.setImageServingPublishJob(publish);
        assertThat(client.submitJob(submit).getJobHandle()).isEqualTo("j|1|From the extension||");
        assertThat(ips.admin().health().jobs()).isEqualTo(1);
        AdminClient.Advance hour = ips.admin().advanceClock(Duration.ofHours(1));
        assertThat(hour.events()).extracting(AdminClient.Event::kind).as("its run lingered out").contains("expired");
        assertThat(ips.admin().health().jobs()).isZero();
        assertThat(ips.admin().countRequests("submitJob")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void eachTestStartsFromAResetServiceAndTheFrozenInstant() {
        assertThat(ips.admin().health().jobs()).as("the first test's job is gone").isZero();
        assertThat(ips.admin().countRequests("submitJob")).isZero();
        assertThat(ips.admin().clock().now()).isEqualTo(START);
    }

    @Test
    @Order(3)
    void theAdminClientIsTyped() {
        String id = ips.admin().addFault("{\"match\": {\"operation\": \"getActiveJobs\"}, \"fault\": {\"code\": 30000,"
                + " \"reason\": \"down for maintenance\"}, \"times\": 1}");
        IpsApiPortType client = IpsClients.client(ips.endpointUrl(), ips.adminUser(), ips.adminPassword());

        assertThatThrownBy(() -> client.getActiveJobs(new GetActiveJobsParam())).isInstanceOfSatisfying(IpsApiFault.class,
                e -> assertThat(e.getFaultInfo().getReason()).isEqualTo("down for maintenance"));
        assertThat(ips.admin().requests("getActiveJobs")).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(30000));
        assertThat(id).isNotBlank();
        assertThatThrownBy(() -> ips.admin().removeFault(id)).as("used up, so gone")
                .isInstanceOfSatisfying(AdminClient.AdminException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
