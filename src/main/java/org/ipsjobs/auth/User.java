package org.ipsjobs.auth;

import java.util.Objects;
import java.util.Set;

/**
 * A user who may call the service.
 *
 * @param handle the user's handle, as requests name users in userHandle
 * @param email the login name, compared without regard to case
 * @param password how the password is checked
 * @param role the user's IPS role
 * @param companies handles of the companies the user belongs to
 * @param disabled true when the user exists but may not log in
 */
public record User(String handle, String email, StoredPassword password, Role role, Set<String> companies,
        boolean disabled) {

    public User {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(role, "role");
        companies = Set.copyOf(companies);
    }

    /** True for roles that see every company (IpsAdmin). */
    public boolean seesAllCompanies() {
        return role == Role.IPS_ADMIN;
    }

    /** True when the user may see and act on the given company's jobs. */
    public boolean belongsTo(String companyHandle) {
        return seesAllCompanies() || companies.contains(companyHandle);
    }
}
