package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.ipsjobs.auth.Pbkdf2Password;
import org.ipsjobs.server.ServiceConfig;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hashed passwords, disabled and company-less users, login throttling, and userHandle checks. */
class CallerRulesTest {

    private static final String ACTIVE = "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>";

    @RegisterExtension
    static final TestServer server = TestServer.start(Duration.ZERO, Duration.ofHours(1), List.of(
            new ServiceConfig.UserEntry("hashed@example.com",
                    Pbkdf2Password.hash("hashed-pw".toCharArray(), new SecureRandom()), "IpsUser", List.of("47"), null, null),
            new ServiceConfig.UserEntry("disabled@example.com", "pw", "IpsUser", List.of("47"), null, true),
            new ServiceConfig.UserEntry("homeless@example.com", "pw", "IpsUser", List.of(), null, null),
            new ServiceConfig.UserEntry("guessed@example.com", "right", "IpsUser", List.of("47"), null, null),
            new ServiceConfig.UserEntry("bystander@example.com", "pw", "IpsUser", List.of("47"), null, null)));

    @Test
    void aHashedPasswordLogsIn() {
        assertThat(server.client.call("getActiveJobs", "hashed@example.com", "hashed-pw", ACTIVE).isFault()).isFalse();
        SubmitJobTest.assertFault(server.client.call("getActiveJobs", "hashed@example.com", "hashed-PW", ACTIVE),
                "authenticationFault", 10001);
    }

    @Test
    void disabledUsersAndUsersWithoutCompanyAre10002() {
        SubmitJobTest.assertFault(server.client.call("getActiveJobs", "disabled@example.com", "pw", ACTIVE),
                "authenticationFault", 10002);
        SubmitJobTest.assertFault(server.client.call("getActiveJobs", "homeless@example.com", "pw", ACTIVE),
                "authenticationFault", 10002);
    }

    @Test
    void repeatedFailuresThrottleOnlyThatUser() {
        for (int i = 0; i < 5; i++) {
            SubmitJobTest.assertFault(server.client.call("getActiveJobs", "guessed@example.com", "guess" + i, ACTIVE),
                    "authenticationFault", 10001);
        }
        SoapResponse locked = server.client.call("getActiveJobs", "guessed@example.com", "right", ACTIVE);
        SubmitJobTest.assertFault(locked, "authenticationFault", 10001);
        assertThat(locked.faultReason()).contains("Too many failed logins");

        assertThat(server.client.call("getActiveJobs", "bystander@example.com", "pw", ACTIVE).isFault())
                .as("another user is not locked out").isFalse();

        server.clock.advance(Duration.ofMinutes(10));
        assertThat(server.client.call("getActiveJobs", "guessed@example.com", "right", ACTIVE).isFault())
                .as("the lockout ends").isFalse();
    }

    @Test
    void userHandleMustNameAUserOfTheCompany() {
        String body = "<submitJobParam xmlns=\"" + SoapClient.API_NS + "\"><companyHandle>47</companyHandle>"
                + "<userHandle>%s</userHandle><jobName>For someone</jobName><optimizeImagesJob><emailSetting>None"
                + "</emailSetting></optimizeImagesJob></submitJobParam>";

        assertThat(server.call("submitJob", body.formatted("u|47|1")).isFault()).isFalse();
        SubmitJobTest.assertFault(server.call("submitJob", body.formatted("u|nobody")), "authorizationFault", 20002);
        SubmitJobTest.assertFault(server.call("submitJob", body.formatted("u|48|1")), "authorizationFault", 20007);
        SoapResponse asUser = server.client.call("submitJob", TestServer.USER47, TestServer.USER47_PASSWORD,
                body.formatted("u|48|1"));
        SubmitJobTest.assertFault(asUser, "authorizationFault", 20002);
        assertThat(asUser.body()).as("a user of 47 learns nothing about 48's users").doesNotContain(TestServer.USER48);

        SoapResponse logs = server.call("getJobLogs", "<getJobLogsParam xmlns=\"" + SoapClient.API_NS
                + "\"><companyHandle>47</companyHandle><userHandle>u|48|1</userHandle></getJobLogsParam>");
        SubmitJobTest.assertFault(logs, "authorizationFault", 20007);
    }
}
