package org.ipsjobs.auth;

import java.util.Objects;

/**
 * The authenticated user behind one request, passed explicitly to every service call.
 *
 * @param user who is calling
 * @param locale the locale asked for in the request, or null
 * @param appName the calling application's name, or null
 * @param appVersion the calling application's version, or null
 */
public record Caller(User user, String locale, String appName, String appVersion) {

    public Caller {
        Objects.requireNonNull(user, "user");
    }

    /** The caller's email, as it appears in jobs and logs it submits. */
    public String email() {
        return user.email();
    }

    /** True when the caller may see and act on the company's jobs. */
    public boolean mayAccess(String companyHandle) {
        return user.belongsTo(companyHandle);
    }
}
