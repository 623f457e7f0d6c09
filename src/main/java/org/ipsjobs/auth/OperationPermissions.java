package org.ipsjobs.auth;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may call which operation: the "Authorized User Types" of each operation's page in the
 * IPS API reference. An operation not listed here is open to no role.
 */
public final class OperationPermissions {

    private static final Set<Role> MANAGE = EnumSet.of(Role.IPS_USER, Role.IPS_ADMIN, Role.IPS_COMPANY_ADMIN,
            Role.TRIAL_SITE_ADMIN, Role.TRIAL_SITE_USER, Role.IMAGE_PORTAL_ADMIN, Role.IMAGE_PORTAL_CONTRIB,
            Role.IMAGE_PORTAL_CONTRIB_USER);
    private static final Set<Role> READ_LOGS = EnumSet.of(Role.IPS_USER, Role.IPS_ADMIN, Role.IPS_COMPANY_ADMIN,
            Role.TRIAL_SITE_ADMIN, Role.TRIAL_SITE_USER, Role.IMAGE_PORTAL_ADMIN, Role.IMAGE_PORTAL_USER,
            Role.IMAGE_PORTAL_CONTRIB, Role.IMAGE_PORTAL_CONTRIB_USER);
    private static final Set<Role> SUBMIT = EnumSet.of(Role.IPS_USER, Role.IPS_ADMIN, Role.TRIAL_SITE_ADMIN,
            Role.TRIAL_SITE_USER, Role.IMAGE_PORTAL_ADMIN, Role.IMAGE_PORTAL_CONTRIB, Role.IMAGE_PORTAL_CONTRIB_USER);
    private static final Set<Role> LOG_DETAILS = EnumSet.of(Role.IPS_USER, Role.IPS_ADMIN, Role.IPS_COMPANY_ADMIN,
            Role.TRIAL_SITE_USER, Role.IMAGE_PORTAL_ADMIN, Role.IMAGE_PORTAL_USER, Role.IMAGE_PORTAL_CONTRIB,
            Role.IMAGE_PORTAL_CONTRIB_USER);

    // getCompanyInfo's page lists every role but IpsCompanyAdmin; getCompanyMembership's every role
    private static final Set<Role> COMPANY_INFO = EnumSet.of(Role.IPS_USER, Role.IPS_ADMIN, Role.TRIAL_SITE_ADMIN,
            Role.TRIAL_SITE_USER, Role.IMAGE_PORTAL_ADMIN, Role.IMAGE_PORTAL_USER, Role.IMAGE_PORTAL_CONTRIB,
            Role.IMAGE_PORTAL_CONTRIB_USER);
    private static final Set<Role> MEMBERSHIP = EnumSet.of(Role.IPS_USER, Role.IPS_ADMIN, Role.IPS_COMPANY_ADMIN,
            Role.TRIAL_SITE_ADMIN, Role.TRIAL_SITE_USER, Role.IMAGE_PORTAL_ADMIN, Role.IMAGE_PORTAL_USER,
            Role.IMAGE_PORTAL_CONTRIB, Role.IMAGE_PORTAL_CONTRIB_USER);

    private static final Map<String, Set<Role>> BY_OPERATION = Map.ofEntries(
            Map.entry("getCompanyInfo", COMPANY_INFO),
            Map.entry("getCompanyMembership", MEMBERSHIP),
            Map.entry("submitJob", SUBMIT),
            Map.entry("executeJob", SUBMIT),
            Map.entry("getActiveJobs", MANAGE),
            Map.entry("getScheduledJobs", MANAGE),
            Map.entry("pauseJob", MANAGE),
            Map.entry("resumeJob", MANAGE),
            Map.entry("stopJob", MANAGE),
            Map.entry("deleteJob", MANAGE),
            Map.entry("getJobLogs", READ_LOGS),
            Map.entry("getJobLogDetails", LOG_DETAILS),
            Map.entry("getAssetJobLogs", READ_LOGS),
            Map.entry("checkLogin", READ_LOGS));

    private OperationPermissions() {
    }

    /** True when the role may call the operation. */
    public static boolean allows(Role role, String operation) {
        return BY_OPERATION.getOrDefault(operation, Set.of()).contains(role);
    }

    /** Throws 20003 unless the caller's role may call the operation. */
    public static void check(Caller caller, String operation) {
        if (!allows(caller.user().role(), operation)) {
            throw new AuthorizationException(AuthorizationException.Reason.NO_OPERATION_PERMISSION,
                    "User " + caller.email() + " (role " + caller.user().role().wireName()
                            + ") does not have permission to access operation '" + operation + "'");
        }
    }
}
