package org.ipsjobs.jobs.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.jobs.api.CompanyMembership;
import org.ipsjobs.jobs.model.ApiText;
import org.ipsjobs.jobs.model.InvalidRequestException;

/**
 * The company lookups clients make before any job call (getCompanyInfo, getCompanyMembership),
 * under the same company rules as the job operations: a caller learns nothing about a company it
 * does not belong to, not even whether it exists.
 */
final class CompanyLookup {

    private final UserDirectory directory;
    private final CompanyAccess access;

    CompanyLookup(UserDirectory directory, CompanyAccess access) {
        this.directory = directory;
        this.access = access;
    }

    /**
     * The company named by handle or, when no handle is given, by name.
     *
     * @throws InvalidRequestException when neither is given (30002), or both name different companies
     * @throws AuthorizationException when the caller may not see the company, or (for an IpsAdmin) it
     *         does not exist
     */
    Company companyInfo(Caller caller, String companyHandle, String companyName) {
        ApiText.require("companyHandle", companyHandle);
        ApiText.require("companyName", companyName);
        boolean byHandle = companyHandle != null && !companyHandle.isBlank();
        boolean byName = companyName != null && !companyName.isBlank();
        if (!byHandle && !byName) {
            throw InvalidRequestException.missing("getCompanyInfo needs companyHandle or companyName");
        }
        if (byHandle) {
            Company company = directory.company(access.requireCompany(caller, companyHandle.trim())).orElseThrow();
            if (byName && !company.name().equalsIgnoreCase(companyName.trim())) {
                throw InvalidRequestException.invalid("companyHandle '" + companyHandle + "' and companyName '"
                        + companyName + "' name different companies; send one of them");
            }
            return company;
        }
        Optional<Company> named = directory.companies().stream()
                .filter(c -> c.name().equalsIgnoreCase(companyName.trim())).findFirst();
        if (named.isPresent() && caller.mayAccess(named.get().handle())) {
            return named.get();
        }
        if (caller.user().seesAllCompanies()) {
            throw new AuthorizationException(AuthorizationException.Reason.INVALID_COMPANY,
                    "No company is named '" + companyName + "'");
        }
        throw new AuthorizationException(AuthorizationException.Reason.ILLEGAL_COMPANY,
                "User " + caller.email() + " does not have access to a company named '" + companyName + "'");
    }

    /**
     * The companies a user belongs to: the caller's own when no userHandle is given. A caller other
     * than an IpsAdmin sees only memberships in companies it belongs to itself.
     */
    List<CompanyMembership> memberships(Caller caller, String userHandle) {
        ApiText.require("userHandle", userHandle);
        User user = userHandle == null || userHandle.isBlank() ? caller.user()
                : access.requestUser(caller, userHandle.trim(), access.visibleCompanies(caller, null));
        List<CompanyMembership> found = new ArrayList<>();
        for (String handle : user.companies()) {
            if (caller.user().seesAllCompanies() || caller.mayAccess(handle)) {
                directory.company(handle).ifPresent(c -> found.add(new CompanyMembership(c, user.role().wireName(),
                        !user.disabled())));
            }
        }
        found.sort(Comparator.comparing(m -> m.company().name(), String.CASE_INSENSITIVE_ORDER));
        return found;
    }
}
