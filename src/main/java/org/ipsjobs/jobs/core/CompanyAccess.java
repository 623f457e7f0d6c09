package org.ipsjobs.jobs.core;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.jobs.model.InvalidRequestException;

/**
 * Which companies and users a caller may name in a request. A caller that does not belong to a
 * company learns nothing about it, not even whether it exists.
 */
public final class CompanyAccess {

    private final UserDirectory directory;

    public CompanyAccess(UserDirectory directory) {
        this.directory = directory;
    }

    /** The company handle, checked to exist and be open to the caller. */
    public String requireCompany(Caller caller, String companyHandle) {
        if (companyHandle == null || companyHandle.isBlank()) {
            throw InvalidRequestException.missing("companyHandle is required");
        }
        Optional<Company> company = directory.company(companyHandle);
        boolean exists = company.isPresent();
        if (exists && caller.mayAccess(companyHandle)) {
            // the directory's copy of the handle: every record of the company then shares one string
            return company.get().handle();
        }
        if (!exists && caller.user().seesAllCompanies()) {
            throw new AuthorizationException(AuthorizationException.Reason.INVALID_COMPANY,
                    "Company '" + companyHandle + "' does not exist");
        }
        // a non-admin learns nothing about companies it does not belong to, not even whether they exist
        throw new AuthorizationException(AuthorizationException.Reason.ILLEGAL_COMPANY,
                "User " + caller.email() + " does not have access to company '" + companyHandle + "'");
    }

    /** The companies a listing covers: the one asked for, or every company open to the caller. */
    public Collection<String> visibleCompanies(Caller caller, String companyHandle) {
        if (companyHandle != null && !companyHandle.isBlank()) {
            return List.of(requireCompany(caller, companyHandle));
        }
        if (caller.user().seesAllCompanies()) {
            return directory.companies().stream().map(Company::handle).toList();
        }
        return caller.user().companies();
    }

    /**
     * The user a request names in userHandle: 20002 when there is no such user (or none the caller
     * may know of), 20007 when the user exists but not in the companies the request is about.
     */
    public User requestUser(Caller caller, String userHandle, Collection<String> companies) {
        Optional<User> user = directory.userByHandle(userHandle)
                .filter(u -> caller.user().seesAllCompanies() || u.companies().stream().anyMatch(caller::mayAccess));
        if (user.isEmpty()) {
            throw new AuthorizationException(AuthorizationException.Reason.INVALID_REQUEST_USER,
                    "userHandle '" + userHandle + "' does not name a user");
        }
        if (companies.stream().noneMatch(user.get()::belongsTo)) {
            throw new AuthorizationException(AuthorizationException.Reason.ILLEGAL_REQUEST_USER,
                    "User '" + userHandle + "' is not a member of company " + String.join(", ", companies));
        }
        return user.get();
    }

    /** The company's display name, for sorting; its handle when it has none. */
    String companyName(String handle) {
        return directory.company(handle).map(Company::name).orElse(handle);
    }
}
