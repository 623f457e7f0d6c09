package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.ipsjobs.auth.OperationPermissions;
import org.ipsjobs.auth.Role;
import org.ipsjobs.server.ServiceConfig;
import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation, called by a user of every role, on the user's own company (47) and on another
 * (48): a role the operation's documentation does not list gets authorizationFault 20003; a listed
 * role gets no authorization fault on its own company and 20006 on the other (an IpsAdmin sees all).
 */
class AuthorizationMatrixTest {

    private static final List<String> OPERATIONS = List.of("submitJob", "getActiveJobs", "getScheduledJobs",
            "pauseJob", "resumeJob", "stopJob", "deleteJob", "executeJob", "getJobLogs", "getJobLogDetails",
            "getAssetJobLogs", "checkLogin", "getCompanyInfo", "getCompanyMembership");
    @RegisterExtension
    static final TestServer server = TestServer.start(Duration.ZERO, Duration.ofHours(1), oneUserPerRole());
    private static String scheduled47;
    private static String scheduled48;

    @BeforeAll
    static void scheduleOneJobPerCompany() {
        scheduled47 = schedule("47");
        scheduled48 = schedule("48");
    }

    private static List<ServiceConfig.UserEntry> oneUserPerRole() {
        List<ServiceConfig.UserEntry> users = new ArrayList<>();
        for (Role role : Role.values()) {
            users.add(new ServiceConfig.UserEntry(email(role), "pw-" + role.wireName(), role.wireName(), List.of("47"),
                    null, null));
        }
        return users;
    }

    static Stream<Arguments> cases() {
        return OPERATIONS.stream().flatMap(op -> Arrays.stream(Role.values())
                .flatMap(role -> Stream.of(Arguments.of(op, role, "47"), Arguments.of(op, role, "48"))));
    }

    @ParameterizedTest(name = "{0} as {1} on company {2}")
    @MethodSource("cases")
    void enforcesRolesAndCompanies(String operation, Role role, String company) {
        SoapResponse response = server.client.call(operation, email(role), "pw-" + role.wireName(),
                body(operation, role, company));

        if (!OperationPermissions.allows(role, operation)) {
            SubmitJobTest.assertFault(response, "authorizationFault", 20003);
            assertThat(response.faultReason()).contains("'" + operation + "'");
        } else if (company.equals("48") && role != Role.IPS_ADMIN && !operation.equals("checkLogin")
                && !operation.equals("getCompanyMembership")) {
            SubmitJobTest.assertFault(response, "authorizationFault", 20006);
            assertThat(response.body()).doesNotContain(scheduled48);
        } else {
            assertThat(response.faultElement()).as(response.toString()).isNotEqualTo("authorizationFault");
            assertThat(response.faultElement()).as(response.toString()).isNotEqualTo("authenticationFault");
        }
    }

    private static String body(String operation, Role role, String company) {
        String handle = company.equals("47") ? scheduled47 : scheduled48;
        String name = "Matrix " + role.wireName() + " " + company;
        return switch (operation) {
            case "submitJob" -> SoapClient.request("submitJob/image-serving-publish.xml", Map.of("company", company, "name", name));
            case "getActiveJobs" -> SoapClient.request("getActiveJobs/by-company.xml", Map.of("company", company));
            case "getScheduledJobs" -> SoapClient.request("getScheduledJobs/by-company.xml", Map.of("company", company));
            case "getJobLogs" -> SoapClient.request("logs/getJobLogs.xml", Map.of("company", company));
            case "getJobLogDetails" -> SoapClient.request("logs/getJobLogDetails.xml", Map.of("company", company, "handle", handle));
            case "getAssetJobLogs" -> SoapClient.request("logs/getAssetJobLogs.xml", Map.of("company", company, "asset", "a|" + company + "|1"));
            case "getCompanyInfo" -> SoapClient.request("companies/getCompanyInfo-by-handle.xml", Map.of("company", company));
            case "getCompanyMembership" -> "<getCompanyMembershipParam xmlns=\"" + SoapClient.API_NS + "\"/>";
            case "checkLogin" -> SoapClient.request("checkLogin/check.xml", Map.of("company", company, "email", email(role),
                    "password", "pw-" + role.wireName()));
            default -> SoapClient.request("control/" + operation + ".xml", Map.of("company", company, "handle", handle));
        };
    }

    private static String schedule(String company) {
        return server.call("submitJob", "submitJob/scheduled.xml", Map.of("company", company, "name", "Matrix schedule",
                "schedule", "0 0 5 * * ?")).xpath("//ips:jobHandle");
    }

    private static String email(Role role) {
        return role.wireName().toLowerCase(Locale.ROOT) + "@example.com";
    }
}
