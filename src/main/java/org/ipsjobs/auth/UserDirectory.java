package org.ipsjobs.auth;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The companies and users, and the check of a request's credentials against them. The contents are
 * an immutable snapshot, replaced as a whole (by a reset or a seed), so request threads share it
 * without locks and never see half a change.
 */
public final class UserDirectory {

    // compared against when the user is unknown, so a miss costs as long as a wrong password
    private static final StoredPassword NOBODY = StoredPassword.plain("\u0000no-such-user\u0000");

    /** One consistent state of the directory. */
    private record Contents(Map<String, User> usersByEmail, Map<String, User> usersByHandle,
            Map<String, Company> companiesByHandle) {

        static Contents of(Collection<Company> companies, Collection<User> users) {
            return new Contents(
                    users.stream().collect(Collectors.toUnmodifiableMap(u -> key(u.email()), Function.identity())),
                    users.stream().collect(Collectors.toUnmodifiableMap(User::handle, Function.identity())),
                    companies.stream().collect(Collectors.toUnmodifiableMap(Company::handle, Function.identity())));
        }
    }

    private volatile Contents contents;
    private final LoginThrottle logins;
    private final LoginThrottle checks;
    private volatile LoginListener listener = LoginListener.NONE;

    /** With the standard throttles (see {@link LoginThrottle#standard}) on the given clock. */
    public UserDirectory(Collection<Company> companies, Collection<User> users, java.time.Clock clock) {
        this(companies, users, LoginThrottle.standard(clock), LoginThrottle.standard(clock));
    }

    /**
     * @param logins throttles logins, keyed by user name and client address
     * @param checks throttles checkLogin, keyed by the calling user and the user checked
     */
    public UserDirectory(Collection<Company> companies, Collection<User> users, LoginThrottle logins,
            LoginThrottle checks) {
        this.logins = logins;
        this.checks = checks;
        this.contents = Contents.of(companies, users);
    }

    /** Sets the one listener told of failed logins and lockouts (the metrics). */
    public void listen(LoginListener l) {
        this.listener = java.util.Objects.requireNonNull(l, "listener");
    }

    /**
     * Replaces every company and user.
     *
     * @throws IllegalArgumentException when two users share an email or a handle, or two companies a handle
     */
    public void replace(Collection<Company> companies, Collection<User> users) {
        contents = Contents.of(companies, users);
    }

    /** Every user. */
    public List<User> users() {
        return List.copyOf(contents.usersByEmail().values());
    }

    /**
     * Checks credentials and returns the user they belong to.
     *
     * @param source where the request came from (the client's address); failures are throttled per
     *        user and source, so nobody can lock a user out from elsewhere
     * @throws AuthenticationException when there are none, they do not match, or the user may not log in
     */
    public User authenticate(Credentials credentials, String source) {
        if (credentials == null || isBlank(credentials.user())) {
            throw refused(AuthenticationException.Reason.NO_CREDENTIALS, false,
                    "The request carries no credentials: send an authHeader with user and password");
        }
        String key = key(credentials.user());
        String throttleKey = key + "\u0000" + (source == null ? "" : source);
        Optional<java.time.Duration> locked = logins.lockedFor(throttleKey);
        if (locked.isPresent()) {
            logins.failed(throttleKey); // attempts while locked out count too, and prolong the lockout
            throw refused(AuthenticationException.Reason.INVALID_CREDENTIALS, true,
                    "Too many failed logins for this user from this address; try again in "
                            + LoginThrottle.secondsToWait(locked.get()) + " s");
        }
        User user = verified(key, credentials.password());
        if (user == null) {
            if (logins.failed(throttleKey)) {
                listener.lockedOut();
            }
            throw refused(AuthenticationException.Reason.INVALID_CREDENTIALS, false, "Invalid user name or password");
        }
        logins.succeeded(throttleKey);
        if (user.disabled()) {
            throw refused(AuthenticationException.Reason.INVALID_USER, false, "User " + user.email() + " is disabled");
        }
        if (!user.seesAllCompanies() && user.companies().isEmpty()) {
            throw refused(AuthenticationException.Reason.INVALID_USER, false,
                    "User " + user.email() + " belongs to no company");
        }
        return user;
    }

    private AuthenticationException refused(AuthenticationException.Reason reason, boolean lockedOut, String message) {
        listener.failed(reason, lockedOut);
        return new AuthenticationException(reason, message);
    }

    /**
     * True when the email and password are a valid login of an enabled user and, if a company is
     * named, the user belongs to it. Failed checks are throttled per calling user and user checked,
     * apart from logins: checking someone's password never locks that someone out.
     *
     * @throws TooManyAttemptsException when the caller's checks of this user failed too often just before
     */
    public boolean checkLogin(Caller caller, String companyHandle, String email, String password) {
        if (isBlank(email)) {
            return false;
        }
        String key = key(email);
        String throttleKey = key(caller.email()) + "\u0000" + key;
        Optional<java.time.Duration> locked = checks.lockedFor(throttleKey);
        if (locked.isPresent()) {
            checks.failed(throttleKey);
            throw new TooManyAttemptsException("Too many failed checkLogin calls for " + email.trim()
                    + "; try again in " + LoginThrottle.secondsToWait(locked.get()) + " s");
        }
        User user = verified(key, password);
        if (user == null) {
            checks.failed(throttleKey);
            return false;
        }
        checks.succeeded(throttleKey);
        boolean mayLogIn = !user.disabled() && (user.seesAllCompanies() || !user.companies().isEmpty());
        return mayLogIn && (companyHandle == null || companyHandle.isBlank() || user.belongsTo(companyHandle));
    }

    /** The user whose password this is, or null; costs the same whether the user exists or not. */
    private User verified(String key, String password) {
        User user = contents.usersByEmail().get(key);
        boolean matches = (user == null ? NOBODY : user.password()).matches(password);
        return user != null && matches ? user : null;
    }

    /** The user with this email, if configured. */
    public Optional<User> user(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(contents.usersByEmail().get(key(email)));
    }

    /** The user a request names by handle; the email is accepted too. */
    public Optional<User> userByHandle(String handle) {
        if (handle == null) {
            return Optional.empty();
        }
        User byHandle = contents.usersByHandle().get(handle);
        return byHandle != null ? Optional.of(byHandle) : user(handle);
    }

    /** The company with this handle, if configured. */
    public Optional<Company> company(String handle) {
        return handle == null ? Optional.empty() : Optional.ofNullable(contents.companiesByHandle().get(handle));
    }

    /** Every configured company. */
    public List<Company> companies() {
        return List.copyOf(contents.companiesByHandle().values());
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
