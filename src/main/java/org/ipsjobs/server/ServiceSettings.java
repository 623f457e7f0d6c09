package org.ipsjobs.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.Pbkdf2Password;
import org.ipsjobs.auth.Role;
import org.ipsjobs.auth.StoredPassword;
import org.ipsjobs.auth.User;
import org.ipsjobs.jobs.core.JobSettings;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.run.WorkSettings;
import org.ipsjobs.run.FetchLimits;
import org.ipsjobs.run.OutboundPolicy;
import org.ipsjobs.time.DurationText;
import org.ipsjobs.soap.RequestLimits;

/**
 * Everything the server needs to start, checked and with defaults applied.
 *
 * @param host the interface to listen on
 * @param port the TCP port; 0 picks a free one
 * @param publicUrl base URL for the published WSDL, or null to take it from each request
 * @param jobs how jobs run
 * @param companies the companies
 * @param users the users
 * @param limits what one request may cost
 * @param connections what clients may cost at the connection level
 * @param shutdownGrace how long a stopping server lets requests in flight finish
 * @param admin the admin API
 * @param work how jobs do their work: runners, folders, what uploads may fetch
 * @param answerCacheBytes how much of the answers' items to keep written (all API versions together); 0: none
 */
public record ServiceSettings(String host, int port, String publicUrl, JobSettings jobs, List<Company> companies,
        List<User> users, RequestLimits limits, ConnectionLimits connections, Duration shutdownGrace,
        AdminSettings admin, WorkSettings work, long answerCacheBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** Written answer items kept, all API versions together (see {@code soap.AnswerCache}). */
    public static final long DEFAULT_ANSWER_CACHE_BYTES = 16L * 1024 * 1024;

    public ServiceSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(work, "work");
        companies = List.copyOf(companies);
        users = List.copyOf(users);
    }

    /**
     * Reads and checks a YAML configuration file. A problem is a {@link ConfigException} whose message
     * names the file, the line and the key.
     */
    public static ServiceSettings load(Path file) {
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        ServiceConfig config = ConfigFile.read(file.toString(), yaml);
        try {
            return from(config);
        } catch (ConfigException e) {
            throw ConfigFile.place(file.toString(), yaml, e);
        }
    }

    /** Checks a parsed configuration and applies defaults. */
    public static ServiceSettings from(ServiceConfig config) {
        ServiceConfig.Server server = config.server() == null
                ? new ServiceConfig.Server(null, null, null, null, null, null, null) : config.server();
        ServiceConfig.Jobs j = config.jobs() == null
                ? new ServiceConfig.Jobs(null, null, null, null, null, null, null, null, null) : config.jobs();
        JobSettings defaults = JobSettings.defaults(server.name() == null ? localHostName() : server.name());
        ZoneId zone = defaults.zone();
        if (server.timeZone() != null) {
            try {
                zone = ZoneId.of(server.timeZone());
            } catch (DateTimeException e) {
                throw ConfigException.at("server.timeZone", "'" + server.timeZone()
                        + "' is not a time zone id (write e.g. UTC or Europe/Berlin)");
            }
        }
        JobSettings jobs = new JobSettings(defaults.serverName(), zone,
                positive("jobs.workers", j.workers(), defaults.workers()),
                j.pace() == null ? defaults.pace() : duration("jobs.pace", j.pace()),
                positive("jobs.defaultItemCount", j.defaultItemCount(), defaults.defaultItemCount()),
                j.doneLinger() == null ? defaults.doneLinger() : duration("jobs.doneLinger", j.doneLinger()),
                positive("jobs.maxJobNameLength", j.maxJobNameLength(), defaults.maxJobNameLength()),
                positive("jobs.maxWorkItems", j.maxWorkItems(), defaults.maxWorkItems()),
                positive("jobs.maxLogRows", j.maxLogRows(), defaults.maxLogRows()));

        List<Company> companies = new ArrayList<>();
        Map<String, Integer> handles = new HashMap<>();
        Map<String, String> companyIds = new HashMap<>();
        List<ServiceConfig.CompanyEntry> companyEntries = config.companies() == null ? List.of() : config.companies();
        for (int i = 0; i < companyEntries.size(); i++) {
            ServiceConfig.CompanyEntry c = companyEntries.get(i);
            String where = "companies[" + i + "]";
            if (c == null) {
                throw ConfigException.at(where, "is empty; a company needs at least a handle");
            }
            if (c.handle() == null || c.handle().isBlank()) {
                throw ConfigException.at(where + ".handle", "is missing; every company needs a handle, such as \"c|8676\"");
            }
            Integer first = handles.putIfAbsent(c.handle(), i);
            if (first != null) {
                throw ConfigException.at(where + ".handle", "'" + c.handle() + "' appears twice (companies[" + first
                        + "] has it too)");
            }
            // job handles carry the company id (the handle without c|), so it must tell companies apart
            String id = JobHandle.companyId(c.handle());
            if (id.isEmpty() || id.contains("|")) {
                throw ConfigException.at(where + ".handle", "'" + c.handle() + "' cannot go into job handles; use a"
                        + " handle such as c|8676 or 8676, without further '|'");
            }
            String clash = companyIds.putIfAbsent(id, c.handle());
            if (clash != null) {
                throw ConfigException.at(where + ".handle", "handles '" + clash + "' and '" + c.handle()
                        + "' both give company id '" + id + "' in job handles (j|" + id
                        + "|name||); give one of them another number");
            }
            String name = c.name() == null ? c.handle() : c.name();
            java.time.Instant expires = null;
            if (c.expires() != null) {
                try {
                    expires = java.time.OffsetDateTime.parse(c.expires().trim()).toInstant();
                } catch (java.time.format.DateTimeParseException e) {
                    throw ConfigException.at(where + ".expires", "'" + c.expires()
                            + "' is not a date and time such as 2100-12-31T23:00:00Z");
                }
            }
            companies.add(new Company(c.handle(), name, c.rootPath() == null ? name + "/" : c.rootPath(), expires));
        }
        if (config.users() == null) {
            throw ConfigException.at("users", "no users are configured, so nobody could log in. Add at least one"
                    + " (email, password, role, companies), or write 'users: []' to start without any and add them"
                    + " later with --seed or POST /__admin/seed");
        }
        List<User> users = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        Set<String> userHandles = new HashSet<>();
        for (int i = 0; i < config.users().size(); i++) {
            ServiceConfig.UserEntry u = config.users().get(i);
            String where = "users[" + i + "]";
            if (u == null) {
                throw ConfigException.at(where, "is empty; a user needs email, password, role and companies");
            }
            if (u.email() == null || u.email().isBlank()) {
                throw ConfigException.at(where + ".email", "is missing; every user needs an email to log in with");
            }
            if (!emails.add(u.email().toLowerCase())) {
                throw ConfigException.at(where + ".email", "'" + u.email() + "' appears twice");
            }
            if (u.password() == null || u.password().isEmpty()) {
                throw ConfigException.at(where + ".password", "is missing; every user needs one (" + u.email() + ")");
            }
            Role role = Role.fromWireName(u.role() == null ? "" : u.role()).orElseThrow(() -> ConfigException.at(
                    where + ".role", u.role() == null ? "is missing; write one of the IPS user roles: " + Role.wireNames()
                            : "'" + u.role() + "' is not an IPS user role; write one of " + Role.wireNames()));
            Set<String> memberOf = new LinkedHashSet<>(u.companies() == null ? List.of() : u.companies());
            for (String handle : memberOf) {
                if (!handles.containsKey(handle)) {
                    throw ConfigException.at(where + ".companies", "company '" + handle
                            + "' is not among the configured companies" + (handles.isEmpty() ? " (there are none)"
                                    : " (" + String.join(", ", handles.keySet().stream().sorted().toList()) + ")"));
                }
            }
            String handle = u.handle() == null || u.handle().isBlank() ? u.email() : u.handle();
            if (!userHandles.add(handle)) {
                throw ConfigException.at(where + ".handle", "user handle '" + handle + "' is used twice");
            }
            StoredPassword password;
            try {
                password = StoredPassword.fromConfig(u.password());
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(where + ".password", "starts like a password hash but is not one: "
                        + e.getMessage() + ". A hash looks like " + Pbkdf2Password.FORM + " (the salt and hash in"
                        + " base64); 'java -jar ips-job-service.jar hash-password' prints one for a password");
            }
            users.add(new User(handle, u.email().trim(), password, role, memberOf, Boolean.TRUE.equals(u.disabled())));
        }
        if (!users.isEmpty() && users.stream().noneMatch(ServiceSettings::mayLogIn)) {
            throw ConfigException.at("users", "nobody could log in: every user is disabled or belongs to no company"
                    + " (only an IpsAdmin may have none)");
        }
        int port = server.port() == null ? DEFAULT_PORT : server.port();
        if (port < 0 || port > 65535) {
            throw ConfigException.at("server.port", port + " is not a TCP port (0 to 65535; 0 picks a free one)");
        }
        Duration grace = server.shutdownGrace() == null ? DEFAULT_SHUTDOWN_GRACE
                : duration("server.shutdownGrace", server.shutdownGrace());
        return new ServiceSettings(server.host() == null ? DEFAULT_HOST : server.host(), port,
                publicUrl(server.publicUrl()), jobs, companies, users, limits(config.limits()),
                connections(config.limits()), grace, admin(config.admin()), work(j.runner(), j.simulate(), config),
                server.answerCache() == null ? DEFAULT_ANSWER_CACHE_BYTES
                        : SizeText.parse("server.answerCache", server.answerCache()));
    }

    private static WorkSettings work(String runner, List<String> simulate, ServiceConfig config) {
        WorkSettings d = WorkSettings.defaults();
        WorkSettings.Runner mode = d.runner();
        if (runner != null) {
            mode = switch (runner.trim().toLowerCase(Locale.ROOT)) {
                case "real" -> WorkSettings.Runner.REAL;
                case "simulated" -> WorkSettings.Runner.SIMULATED;
                default -> throw ConfigException.at("jobs.runner", "'" + runner + "' is not a runner; write real or"
                        + " simulated");
            };
        }
        ServiceConfig.Assets a = config.assets() == null ? new ServiceConfig.Assets(null, null) : config.assets();
        ServiceConfig.Uploads u = config.uploads() == null
                ? new ServiceConfig.Uploads(null, null, null, null, null, null, null, null, null) : config.uploads();
        ServiceConfig.Publish p = config.publish() == null ? new ServiceConfig.Publish(null, null) : config.publish();
        FetchLimits f = d.fetch();
        FetchLimits fetch = new FetchLimits(
                u.connectTimeout() == null ? f.connectTimeout() : duration("uploads.connectTimeout", u.connectTimeout()),
                u.readTimeout() == null ? f.readTimeout() : duration("uploads.readTimeout", u.readTimeout()),
                u.maxFileSize() == null ? f.maxBytes() : size("uploads.maxFileSize", u.maxFileSize(), 1),
                f.maxRedirects());
        OutboundPolicy outbound;
        try {
            outbound = OutboundPolicy.of(u.allow() == null ? List.of() : u.allow(),
                    u.deny() == null ? OutboundPolicy.DEFAULT_DENY : u.deny());
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(u.allow() != null && u.allow().stream().anyMatch(r -> !isRule(r))
                    ? "uploads.allow" : "uploads.deny", e.getMessage() + "; write address blocks such as 10.0.0.0/8,"
                    + " single addresses or host names");
        }
        return new WorkSettings(mode, folder("assets.root", a.root(), d.assetsRoot()),
                folder("uploads.dropRoot", u.dropRoot(), d.dropRoot()), folder("publish.root", p.root(), d.publishRoot()),
                folder("publish.exportRoot", p.exportRoot(), d.exportRoot()),
                atLeast("assets.maxImagePixels", a.maxImagePixels(), d.maxImagePixels(), 1), fetch, outbound,
                u.postTimeout() == null ? d.postTimeout() : duration("uploads.postTimeout", u.postTimeout()),
                (int) atLeast("uploads.maxFilesPerPost", u.maxFilesPerPost(), d.maxFilesPerPost(), 1),
                u.maxPostBytes() == null ? d.maxPostBytes() : size("uploads.maxPostBytes", u.maxPostBytes(), 1024),
                jobTypes("jobs.simulate", simulate));
    }

    private static Set<JobType> jobTypes(String key, List<String> names) {
        Set<JobType> types = new HashSet<>();
        for (String name : names == null ? List.<String>of() : names) {
            types.add(java.util.Arrays.stream(JobType.values()).filter(t -> t.wireName().equalsIgnoreCase(
                    name == null ? "" : name.trim())).findFirst().orElseThrow(() -> ConfigException.at(key, "'" + name
                            + "' is not a job type; write one of " + java.util.Arrays.stream(JobType.values())
                                    .map(JobType::wireName).toList())));
        }
        return types;
    }

    private static boolean isRule(String text) {
        try {
            OutboundPolicy.AddressRule.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Path folder(String key, String text, Path defaultPath) {
        if (text == null) {
            return defaultPath;
        }
        if (text.isBlank()) {
            throw ConfigException.at(key, "is empty; write a folder path, or leave the key out for " + defaultPath);
        }
        try {
            return Path.of(text.trim());
        } catch (java.nio.file.InvalidPathException e) {
            throw ConfigException.at(key, "'" + text + "' is not a folder path here (" + e.getReason() + ")");
        }
    }

    /** The company handle and e-mail of the settings made up when no file is given. */
    public static final String FIRST_RUN_COMPANY = "c|1";
    public static final String FIRST_RUN_ADMIN = "admin@localhost";

    /**
     * The settings used when no file is given: one company and one IpsAdmin whose password is random
     * (returned beside the settings, so it can be shown to whoever started the server).
     */
    public static Generated generated(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return firstRun(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * The settings used when no file is given, with the admin password the caller chose (from
     * IPS_ADMIN_PASSWORD, for example). The password is taken as it is, never read as a hash.
     */
    public static Generated firstRun(String password) {
        if (password == null || password.isEmpty()) {
            throw new ConfigException("the first-run admin's password must not be empty");
        }
        ServiceConfig config = new ServiceConfig(null,
                List.of(new ServiceConfig.CompanyEntry(FIRST_RUN_COMPANY, "Default Company")),
                List.of(new ServiceConfig.UserEntry(FIRST_RUN_ADMIN, "first-run", Role.IPS_ADMIN.wireName(),
                        List.of(FIRST_RUN_COMPANY), null, null)),
                null, null);
        ServiceSettings settings = from(config);
        User admin = settings.users().get(0);
        settings = settings.withUsers(List.of(new User(admin.handle(), admin.email(), StoredPassword.plain(password),
                admin.role(), admin.companies(), false)));
        return new Generated(settings, FIRST_RUN_ADMIN, password);
    }

    /** Settings made up at start-up, with the admin credentials they contain. */
    public record Generated(ServiceSettings settings, String email, String password) {
        @Override
        public String toString() {
            return "Generated[email=" + email + "]";
        }
    }

    private static boolean mayLogIn(User user) {
        return !user.disabled() && (user.seesAllCompanies() || !user.companies().isEmpty());
    }

    private static String publicUrl(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String problem = "'" + text + "' is not an absolute http or https URL; write the address clients reach the"
                + " server at, such as https://ips.example.com or http://ips.test:8080";
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw ConfigException.at("server.publicUrl", problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ConfigException.at("server.publicUrl", problem);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ConfigException.at("server.publicUrl", "'" + text + "' has a query or fragment; give the base"
                    + " address only, such as https://ips.example.com");
        }
        return text.trim();
    }

    public ServiceSettings withHost(String newHost) {
        return new ServiceSettings(newHost, port, publicUrl, jobs, companies, users, limits, connections, shutdownGrace, admin, work, answerCacheBytes);
    }

    public ServiceSettings withPort(int newPort) {
        return new ServiceSettings(host, newPort, publicUrl, jobs, companies, users, limits, connections, shutdownGrace, admin, work, answerCacheBytes);
    }

    public ServiceSettings withUsers(List<User> newUsers) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, newUsers, limits, connections, shutdownGrace, admin, work, answerCacheBytes);
    }

    public ServiceSettings withJobs(JobSettings newJobs) {
        return new ServiceSettings(host, port, publicUrl, newJobs, companies, users, limits, connections, shutdownGrace, admin, work, answerCacheBytes);
    }

    public ServiceSettings withLimits(RequestLimits newLimits) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, newLimits, connections, shutdownGrace, admin, work, answerCacheBytes);
    }

    public ServiceSettings withConnections(ConnectionLimits newConnections) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, limits, newConnections, shutdownGrace, admin, work, answerCacheBytes);
    }

    public ServiceSettings withShutdownGrace(Duration newGrace) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, limits, connections, newGrace, admin, work, answerCacheBytes);
    }

    public ServiceSettings withAdmin(AdminSettings newAdmin) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, limits, connections, shutdownGrace,
                newAdmin, work, answerCacheBytes);
    }

    public ServiceSettings withWork(WorkSettings newWork) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, limits, connections, shutdownGrace,
                admin, newWork, answerCacheBytes);
    }

    /** @param bytes how much of the answers' items to keep written, all API versions together; 0 keeps none */
    public ServiceSettings withAnswerCache(long bytes) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, limits, connections, shutdownGrace,
                admin, work, bytes);
    }

    private static AdminSettings admin(ServiceConfig.Admin a) {
        AdminSettings d = AdminSettings.defaults();
        if (a == null) {
            return d;
        }
        int size = a.journalSize() == null ? d.journalSize() : a.journalSize();
        if (size < 0) {
            throw ConfigException.at("admin.journalSize", size + " is below 0; write 0 (no journal) or more");
        }
        String token = a.token() == null || a.token().isBlank() ? null : a.token().trim();
        return new AdminSettings(a.enabled() == null || a.enabled(), token, size,
                a.journalBodies() == null ? d.journalBodies() : a.journalBodies());
    }

    private static RequestLimits limits(ServiceConfig.Limits l) {
        RequestLimits d = RequestLimits.defaults();
        if (l == null) {
            return d;
        }
        return new RequestLimits(
                l.maxRequestBytes() == null ? d.maxRequestBytes()
                        : size("limits.maxRequestBytes", l.maxRequestBytes(), RequestLimits.MIN_REQUEST_BYTES),
                (int) atLeast("limits.maxElementDepth", l.maxElementDepth(), d.maxElementDepth(),
                        RequestLimits.MIN_ELEMENT_DEPTH),
                (int) atLeast("limits.maxChildElements", l.maxChildElements(), d.maxChildElements(),
                        RequestLimits.MIN_CHILD_ELEMENTS),
                atLeast("limits.maxElementCount", l.maxElementCount(), d.maxElementCount(),
                        RequestLimits.MIN_ELEMENT_COUNT),
                (int) atLeast("limits.maxTextLength", l.maxTextLength(), d.maxTextLength(),
                        RequestLimits.MIN_TEXT_LENGTH),
                (int) atLeast("limits.maxAttributeCount", l.maxAttributeCount(), d.maxAttributeCount(),
                        RequestLimits.MIN_ATTRIBUTE_COUNT),
                (int) atLeast("limits.maxAttributeSize", l.maxAttributeSize(), d.maxAttributeSize(),
                        RequestLimits.MIN_ATTRIBUTE_SIZE));
    }

    private static ConnectionLimits connections(ServiceConfig.Limits l) {
        ConnectionLimits d = ConnectionLimits.defaults();
        if (l == null) {
            return d;
        }
        Duration idle = d.idleTimeout();
        if (l.idleTimeout() != null) {
            idle = duration("limits.idleTimeout", l.idleTimeout());
            if (idle.compareTo(ConnectionLimits.MIN_IDLE_TIMEOUT) < 0) {
                throw ConfigException.at("limits.idleTimeout", "must be at least "
                        + ConnectionLimits.MIN_IDLE_TIMEOUT.toSeconds() + "s, not " + l.idleTimeout());
            }
        }
        return new ConnectionLimits(idle,
                l.minRequestDataRate() == null ? d.minRequestDataRate()
                        : size("limits.minRequestDataRate", l.minRequestDataRate(), 0),
                (int) atLeast("limits.maxConnections", l.maxConnections(), d.maxConnections(),
                        ConnectionLimits.MIN_CONNECTIONS),
                l.maxBufferedRequestBytes() == null ? d.maxBufferedRequestBytes()
                        : size("limits.maxBufferedRequestBytes", l.maxBufferedRequestBytes(),
                                ConnectionLimits.MIN_BUFFERED_BYTES),
                (int) atLeast("limits.acceptQueueSize", l.acceptQueueSize(), d.acceptQueueSize(),
                        ConnectionLimits.MIN_ACCEPT_QUEUE_SIZE));
    }

    /** A limit's value, or its default when absent; below its minimum it is refused, naming both. */
    private static long atLeast(String key, Number value, long defaultValue, long minimum) {
        if (value == null) {
            return defaultValue;
        }
        if (value.longValue() < minimum) {
            throw ConfigException.at(key, "must be at least " + minimum + ", not " + value);
        }
        return value.longValue();
    }

    private static long size(String key, String text, long minimum) {
        long bytes = SizeText.parse(key, text);
        if (bytes < minimum) {
            throw ConfigException.at(key, "must be at least " + SizeText.text(minimum)
                    + (minimum >= 1024 ? " (" + minimum + " bytes)" : "") + ", not " + text);
        }
        return bytes;
    }

    private static int positive(String key, Integer value, int defaultValue) {
        return (int) atLeast(key, value, defaultValue, 1);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "ips-job-service";
        }
    }

    private static Duration duration(String key, String text) {
        return DurationText.parse(text).orElseThrow(() -> ConfigException.at(key, "'" + text
                + "' is not a duration (write e.g. " + DurationText.EXAMPLES + ")"));
    }
}
