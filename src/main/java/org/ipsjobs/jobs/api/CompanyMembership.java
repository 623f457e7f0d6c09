package org.ipsjobs.jobs.api;

import org.ipsjobs.auth.Company;

/**
 * One company a user belongs to, with the user's role there.
 *
 * @param company the company
 * @param role the user's role (an IPS User Role)
 * @param active false when the user is disabled
 */
public record CompanyMembership(Company company, String role, boolean active) {
}
