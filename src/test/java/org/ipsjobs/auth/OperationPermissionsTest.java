package org.ipsjobs.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The role table against the "Authorized User Types" lists of the IPS operation reference, copied here by hand. */
class OperationPermissionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "submitJob;IpsUser IpsAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalContrib ImagePortalContribUser",
        "getActiveJobs;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalContrib ImagePortalContribUser",
        "getScheduledJobs;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalContrib ImagePortalContribUser",
        "pauseJob;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalContrib ImagePortalContribUser",
        "resumeJob;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalContrib ImagePortalContribUser",
        "stopJob;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalContrib ImagePortalContribUser",
        "deleteJob;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalContrib ImagePortalContribUser",
        "executeJob;IpsUser IpsAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalContrib ImagePortalContribUser",
        "getJobLogs;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalUser ImagePortalContrib ImagePortalContribUser",
        "getJobLogDetails;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteUser ImagePortalAdmin ImagePortalUser ImagePortalContrib ImagePortalContribUser",
        "getAssetJobLogs;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalUser ImagePortalContrib ImagePortalContribUser",
        "checkLogin;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalUser ImagePortalContrib ImagePortalContribUser",
        "getCompanyInfo;IpsUser IpsAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalUser ImagePortalContrib ImagePortalContribUser",
        "getCompanyMembership;IpsUser IpsAdmin IpsCompanyAdmin TrialSiteAdmin TrialSiteUser ImagePortalAdmin ImagePortalUser ImagePortalContrib ImagePortalContribUser"})
    void matchesTheDocumentedRoles(String operation, String documented) {
        Set<Role> expected = Arrays.stream(documented.split(" "))
                .map(name -> Role.fromWireName(name).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        Set<Role> allowed = Arrays.stream(Role.values()).filter(r -> OperationPermissions.allows(r, operation))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        assertThat(allowed).isEqualTo(expected);
    }
}
