package org.ipsjobs.auth;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configured companies and users, and the check of a request's credentials against them.
 * Immutable, so safe to share between request threads.
 */
public final class UserDirectory {

    // compared against when the user is unknown, so a miss costs as long as a wrong password
    private static final StoredPassword NOBODY = StoredPassword.plain("\u0000no-such-user\u0000");

    private final Map<String, User> usersByEmail;
    private final Map<String, User> usersByHandle;
    private final Map<String, Company> companiesByHandle;
    private final LoginThrottle throttle;

    public UserDirectory(Collection<Company> companies, Collection<User> users) {
        this(companies, users, LoginThrottle.standard(java.time.Clock.systemUTC()));
    }

    public UserDirectory(Collection<Company> companies, Collection<User> users, LoginThrottle throttle) {
        this.throttle = throttle;
        this.companiesByHandle = companies.stream()
                .collect(Collectors.toUnmodifiableMap(Company::handle, Function.identity()));
        this.usersByEmail = users.stream()
                .collect(Collectors.toUnmodifiableMap(u -> key(u.email()), Function.identity()));
        this.usersByHandle = users.stream()
                .collect(Collectors.toUnmodifiableMap(User::handle, Function.identity()));
    }

    /**
     * Checks credentials and returns the user they belong to.
     *
     * @throws AuthenticationException when there are none, they do not match, or the user may not log in
     */
    public User authenticate(Credentials credentials) {
        if (credentials == null || isBlank(credentials.user())) {
            throw new AuthenticationException(AuthenticationException.Reason.NO_CREDENTIALS,
                    "The request carries no credentials: send an authHeader with user and password");
        }
        String key = key(credentials.user());
        Optional<java.time.Duration> locked = throttle.lockedFor(key);
        if (locked.isPresent()) {
            throw new AuthenticationException(AuthenticationException.Reason.INVALID_CREDENTIALS,
                    "Too many failed logins for this user; try again in "
                            + Math.max(1, locked.get().toSeconds()) + " s");
        }
        User user = usersByEmail.get(key);
        boolean matches = (user == null ? NOBODY : user.password()).matches(credentials.password());
        if (user == null || !matches) {
            throttle.failed(key);
            throw new AuthenticationException(AuthenticationException.Reason.INVALID_CREDENTIALS,
                    "Invalid user name or password");
        }
        throttle.succeeded(key);
        if (user.disabled()) {
            throw new AuthenticationException(AuthenticationException.Reason.INVALID_USER,
                    "User " + user.email() + " is disabled");
        }
        if (!user.seesAllCompanies() && user.companies().isEmpty()) {
            throw new AuthenticationException(AuthenticationException.Reason.INVALID_USER,
                    "User " + user.email() + " belongs to no company");
        }
        return user;
    }

    /**
     * True when the email and password would authenticate and, if a company is named, the user
     * belongs to it. Never throws for bad credentials.
     */
    public boolean checkLogin(String companyHandle, String email, String password) {
        try {
            User user = authenticate(new Credentials(email, password));
            return companyHandle == null || companyHandle.isBlank() || user.belongsTo(companyHandle);
        } catch (AuthenticationException e) {
            return false;
        }
    }

    /** The user with this email, if configured. */
    public Optional<User> user(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(usersByEmail.get(key(email)));
    }

    /** The user a request names by handle; the email is accepted too. */
    public Optional<User> userByHandle(String handle) {
        if (handle == null) {
            return Optional.empty();
        }
        User byHandle = usersByHandle.get(handle);
        return byHandle != null ? Optional.of(byHandle) : user(handle);
    }

    /** The company with this handle, if configured. */
    public Optional<Company> company(String handle) {
        return handle == null ? Optional.empty() : Optional.ofNullable(companiesByHandle.get(handle));
    }

    /** Every configured company. */
    public List<Company> companies() {
        return List.copyOf(companiesByHandle.values());
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
