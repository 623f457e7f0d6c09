package org.ipsjobs.auth;

import java.util.Arrays;
import java.util.Optional;

/** The User Roles of the IPS API. */
public enum Role {
    IPS_ADMIN("IpsAdmin"),
    IPS_COMPANY_ADMIN("IpsCompanyAdmin"),
    IPS_USER("IpsUser"),
    WEB_SERVICE_USER("WebServiceUser"),
    TRIAL_SITE_ADMIN("TrialSiteAdmin"),
    TRIAL_SITE_USER("TrialSiteUser"),
    IMAGE_PORTAL_ADMIN("ImagePortalAdmin"),
    IMAGE_PORTAL_USER("ImagePortalUser"),
    IMAGE_PORTAL_CONTRIB("ImagePortalContrib"),
    IMAGE_PORTAL_CONTRIB_USER("ImagePortalContribUser");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The constant as IPS spells it. */
    public String wireName() {
        return wireName;
    }

    /** Finds a role by its IPS name, ignoring case. */
    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equalsIgnoreCase(name)).findFirst();
    }

    /** Every role's IPS name, for messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Role::wireName).toList());
    }
}
