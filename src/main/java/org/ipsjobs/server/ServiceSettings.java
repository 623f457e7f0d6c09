package org.ipsjobs.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
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
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.Role;
import org.ipsjobs.auth.StoredPassword;
import org.ipsjobs.auth.User;
import org.ipsjobs.jobs.core.JobSettings;
import org.ipsjobs.jobs.model.JobHandle;
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
 */
public record ServiceSettings(String host, int port, String publicUrl, JobSettings jobs, List<Company> companies,
        List<User> users, RequestLimits limits, ConnectionLimits connections, Duration shutdownGrace,
        AdminSettings admin) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    public ServiceSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(admin, "admin");
        companies = List.copyOf(companies);
        users = List.copyOf(users);
    }

    /** Reads and checks a YAML configuration file. */
    public static ServiceSettings load(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ServiceConfig config;
        try {
            config = yaml.readValue(Files.readAllBytes(file), ServiceConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown setting '" + e.getPropertyName() + "' at "
                    + e.getPathReference() + "; known ones are " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (config == null) {
            throw new ConfigException(file + ": the file is empty");
        }
        return from(config);
    }

    /** Checks a parsed configuration and applies defaults. */
    public static ServiceSettings from(ServiceConfig config) {
        ServiceConfig.Server server = config.server() == null
                ? new ServiceConfig.Server(null, null, null, null, null, null) : config.server();
        ServiceConfig.Jobs j = config.jobs() == null
                ? new ServiceConfig.Jobs(null, null, null, null, null, null, null) : config.jobs();
        JobSettings defaults = JobSettings.defaults(server.name() == null ? localHostName() : server.name());
        ZoneId zone = defaults.zone();
        if (server.timeZone() != null) {
            try {
                zone = ZoneId.of(server.timeZone());
            } catch (DateTimeException e) {
                throw new ConfigException("server.timeZone: '" + server.timeZone() + "' is not a time zone id");
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
        Set<String> handles = new HashSet<>();
        Map<String, String> companyIds = new HashMap<>();
        for (ServiceConfig.CompanyEntry c : config.companies() == null ? List.<ServiceConfig.CompanyEntry>of() : config.companies()) {
            if (c.handle() == null || c.handle().isBlank()) {
                throw new ConfigException("companies: every company needs a handle");
            }
            if (!handles.add(c.handle())) {
                throw new ConfigException("companies: handle '" + c.handle() + "' appears twice");
            }
            // job handles carry the company id (the handle without c|), so it must tell companies apart
            String id = JobHandle.companyId(c.handle());
            if (id.isEmpty() || id.contains("|")) {
                throw new ConfigException("companies: handle '" + c.handle() + "' cannot go into job handles; use a"
                        + " handle such as c|8676 or 8676, without further '|'");
            }
            String clash = companyIds.putIfAbsent(id, c.handle());
            if (clash != null) {
                throw new ConfigException("companies: handles '" + clash + "' and '" + c.handle() + "' both give company id '"
                        + id + "' in job handles (j|" + id + "|name||); give one of them another number");
            }
            String name = c.name() == null ? c.handle() : c.name();
            java.time.Instant expires = null;
            if (c.expires() != null) {
                try {
                    expires = java.time.OffsetDateTime.parse(c.expires().trim()).toInstant();
                } catch (java.time.format.DateTimeParseException e) {
                    throw new ConfigException("companies[" + c.handle() + "].expires: '" + c.expires()
                            + "' is not a date and time such as 2100-12-31T23:00:00Z");
                }
            }
            companies.add(new Company(c.handle(), name, c.rootPath() == null ? name + "/" : c.rootPath(), expires));
        }
        List<User> users = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        Set<String> userHandles = new HashSet<>();
        for (ServiceConfig.UserEntry u : config.users() == null ? List.<ServiceConfig.UserEntry>of() : config.users()) {
            if (u.email() == null || u.email().isBlank()) {
                throw new ConfigException("users: every user needs an email");
            }
            String where = "users[" + u.email() + "]";
            if (!emails.add(u.email().toLowerCase())) {
                throw new ConfigException(where + ": the email appears twice");
            }
            if (u.password() == null || u.password().isEmpty()) {
                throw new ConfigException(where + ": password is required");
            }
            Role role = Role.fromWireName(u.role() == null ? "" : u.role()).orElseThrow(() -> new ConfigException(
                    where + ": role '" + u.role() + "' is not an IPS user role (IpsAdmin, IpsCompanyAdmin, IpsUser, ...)"));
            Set<String> memberOf = new LinkedHashSet<>(u.companies() == null ? List.of() : u.companies());
            for (String handle : memberOf) {
                if (!handles.contains(handle)) {
                    throw new ConfigException(where + ": company '" + handle + "' is not among the configured companies");
                }
            }
            String handle = u.handle() == null || u.handle().isBlank() ? u.email() : u.handle();
            if (!userHandles.add(handle)) {
                throw new ConfigException(where + ": user handle '" + handle + "' is used twice");
            }
            StoredPassword password;
            try {
                password = StoredPassword.fromConfig(u.password());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": password: " + e.getMessage());
            }
            users.add(new User(handle, u.email().trim(), password, role, memberOf, Boolean.TRUE.equals(u.disabled())));
        }
        int port = server.port() == null ? DEFAULT_PORT : server.port();
        if (port < 0 || port > 65535) {
            throw new ConfigException("server.port: " + port + " is not a TCP port");
        }
        Duration grace = server.shutdownGrace() == null ? DEFAULT_SHUTDOWN_GRACE
                : duration("server.shutdownGrace", server.shutdownGrace());
        return new ServiceSettings(server.host() == null ? DEFAULT_HOST : server.host(), port,
                server.publicUrl(), jobs, companies, users, limits(config.limits()), connections(config.limits()), grace,
                admin(config.admin()));
    }

    /**
     * The settings used when no file is given: one company and one IpsAdmin whose password is random
     * (returned beside the settings, so it can be shown to whoever started the server).
     */
    public static Generated generated(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String email = "admin@localhost";
        ServiceConfig config = new ServiceConfig(null, List.of(new ServiceConfig.CompanyEntry("c|1", "Default Company")),
                List.of(new ServiceConfig.UserEntry(email, password, Role.IPS_ADMIN.wireName(), List.of("c|1"), null, null)),
                null, null);
        return new Generated(from(config), email, password);
    }

    /** Settings made up at start-up, with the admin credentials they contain. */
    public record Generated(ServiceSettings settings, String email, String password) {
        @Override
        public String toString() {
            return "Generated[email=" + email + "]";
        }
    }

    public ServiceSettings withHost(String newHost) {
        return new ServiceSettings(newHost, port, publicUrl, jobs, companies, users, limits, connections, shutdownGrace, admin);
    }

    public ServiceSettings withPort(int newPort) {
        return new ServiceSettings(host, newPort, publicUrl, jobs, companies, users, limits, connections, shutdownGrace, admin);
    }

    public ServiceSettings withJobs(JobSettings newJobs) {
        return new ServiceSettings(host, port, publicUrl, newJobs, companies, users, limits, connections, shutdownGrace, admin);
    }

    public ServiceSettings withLimits(RequestLimits newLimits) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, newLimits, connections, shutdownGrace, admin);
    }

    public ServiceSettings withConnections(ConnectionLimits newConnections) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, limits, newConnections, shutdownGrace, admin);
    }

    public ServiceSettings withShutdownGrace(Duration newGrace) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, limits, connections, newGrace, admin);
    }

    public ServiceSettings withAdmin(AdminSettings newAdmin) {
        return new ServiceSettings(host, port, publicUrl, jobs, companies, users, limits, connections, shutdownGrace,
                newAdmin);
    }

    private static AdminSettings admin(ServiceConfig.Admin a) {
        AdminSettings d = AdminSettings.defaults();
        if (a == null) {
            return d;
        }
        int size = a.journalSize() == null ? d.journalSize() : a.journalSize();
        if (size < 0) {
            throw new ConfigException("admin.journalSize: " + size + " must be 0 (no journal) or more");
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
        try {
            return new RequestLimits(
                    l.maxRequestBytes() == null ? d.maxRequestBytes() : SizeText.parse("limits.maxRequestBytes", l.maxRequestBytes()),
                    l.maxElementDepth() == null ? d.maxElementDepth() : l.maxElementDepth(),
                    l.maxChildElements() == null ? d.maxChildElements() : l.maxChildElements(),
                    l.maxElementCount() == null ? d.maxElementCount() : l.maxElementCount(),
                    l.maxTextLength() == null ? d.maxTextLength() : l.maxTextLength(),
                    l.maxAttributeCount() == null ? d.maxAttributeCount() : l.maxAttributeCount(),
                    l.maxAttributeSize() == null ? d.maxAttributeSize() : l.maxAttributeSize());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("limits: " + e.getMessage());
        }
    }

    private static ConnectionLimits connections(ServiceConfig.Limits l) {
        ConnectionLimits d = ConnectionLimits.defaults();
        if (l == null) {
            return d;
        }
        try {
            return new ConnectionLimits(
                    l.idleTimeout() == null ? d.idleTimeout() : duration("limits.idleTimeout", l.idleTimeout()),
                    l.minRequestDataRate() == null ? d.minRequestDataRate()
                            : SizeText.parse("limits.minRequestDataRate", l.minRequestDataRate()),
                    l.maxConnections() == null ? d.maxConnections() : l.maxConnections(),
                    l.maxBufferedRequestBytes() == null ? d.maxBufferedRequestBytes()
                            : SizeText.parse("limits.maxBufferedRequestBytes", l.maxBufferedRequestBytes()),
                    l.acceptQueueSize() == null ? d.acceptQueueSize() : l.acceptQueueSize());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("limits: " + e.getMessage());
        }
    }

    private static int positive(String field, Integer value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 1) {
            throw new ConfigException(field + ": must be at least 1, not " + value);
        }
        return value;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "ips-job-service";
        }
    }

    private static Duration duration(String field, String text) {
        return DurationText.parse(text).orElseThrow(() -> new ConfigException(field + ": '" + text
                + "' is not a duration (write e.g. " + DurationText.EXAMPLES + ")"));
    }
}
