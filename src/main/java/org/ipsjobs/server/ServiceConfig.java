package org.ipsjobs.server;

import java.util.List;

/**
 * The configuration file, as written in YAML. Every field is optional; {@link ServiceSettings}
 * applies the defaults and checks the values.
 *
 * @param server where and as what the server listens
 * @param companies the companies jobs can belong to
 * @param users who may call the service
 * @param jobs how jobs run
 * @param limits what one request may cost
 * @param admin the admin API
 * @param assets the asset store
 * @param uploads what upload jobs may fetch and where they find files
 * @param publish where publish and export jobs write
 */
public record ServiceConfig(Server server, List<CompanyEntry> companies, List<UserEntry> users, Jobs jobs,
        Limits limits, Admin admin, Assets assets, Uploads uploads, Publish publish) {

    public ServiceConfig(Server server, List<CompanyEntry> companies, List<UserEntry> users, Jobs jobs, Limits limits) {
        this(server, companies, users, jobs, limits, null, null, null, null);
    }

    public ServiceConfig(Server server, List<CompanyEntry> companies, List<UserEntry> users, Jobs jobs, Limits limits,
            Admin admin) {
        this(server, companies, users, jobs, limits, admin, null, null, null);
    }

    /**
     * @param root the folder holding one folder per company (default ./ips-data)
     * @param maxImagePixels the most pixels an uploaded image may claim (width times height)
     */
    public record Assets(String root, Long maxImagePixels) {
    }

    /**
     * @param dropRoot the folder holding each company's drop folder for UploadDirectoryJob (default ./ips-drop)
     * @param connectTimeout longest wait for a connection when fetching a URL, such as 10s
     * @param readTimeout longest silence while fetching a URL, such as 30s
     * @param maxFileSize largest file an upload takes, such as 2GB
     * @param allow when given, the only address blocks or host names uploads may fetch from
     * @param deny address blocks or host names uploads never fetch from (default: link-local and cloud metadata)
     * @param postTimeout how long an UploadFile job waits for its next POST, such as 30m
     * @param maxFilesPerPost most file parts one UploadFile POST may carry
     * @param maxPostBytes largest UploadFile POST body, such as 2GB
     */
    public record Uploads(String dropRoot, String connectTimeout, String readTimeout, String maxFileSize,
            List<String> allow, List<String> deny, String postTimeout, Integer maxFilesPerPost, String maxPostBytes) {
    }

    /**
     * @param root where publish jobs copy assets to (default ./ips-publish)
     * @param exportRoot where export jobs write their zip files (default ./ips-export)
     */
    public record Publish(String root, String exportRoot) {
    }

    /**
     * @param enabled false turns the admin API off
     * @param token the bearer token the admin API requires (also from IPS_ADMIN_TOKEN); needed when the
     *        server listens on an address other than loopback
     * @param journalSize how many requests the journal keeps (0 keeps none)
     * @param journalBodies whether the journal keeps request and answer bodies
     */
    public record Admin(Boolean enabled, String token, Integer journalSize, Boolean journalBodies) {
        @Override
        public String toString() {
            return "Admin[enabled=" + enabled + ", token=" + (token == null ? "none" : "***") + "]";
        }
    }

    /**
     * @param host the interface to listen on
     * @param port the TCP port (0 picks a free one)
     * @param name the server name reported in ActiveJob/serverName
     * @param timeZone the zone schedules are evaluated in (an IANA id such as Europe/Berlin)
     * @param publicUrl the base URL clients reach the server at, used in the published WSDL;
     *        by default it is taken from each WSDL request
     * @param shutdownGrace how long a stopping server lets requests in flight finish, such as 10s
     * @param answerCache how much of the answers' items to keep in written form, all API versions together,
     *        such as 16MB (the default); 0 keeps none
     */
    public record Server(String host, Integer port, String name, String timeZone, String publicUrl,
            String shutdownGrace, String answerCache) {
        public Server(String host, Integer port, String name, String timeZone, String publicUrl) {
            this(host, port, name, timeZone, publicUrl, null, null);
        }
    }

    /**
     * @param handle the company handle
     * @param name the company name
     * @param rootPath the company's root folder (default: the name and a slash)
     * @param expires when the company's account expires, as an xsd:dateTime (default: never)
     */
    public record CompanyEntry(String handle, String name, String rootPath, String expires) {
        public CompanyEntry(String handle, String name) {
            this(handle, name, null, null);
        }
    }

    /**
     * @param email the login
     * @param password the password, in plain text or as a hash printed by {@code hash-password}
     * @param role one of the IPS User Roles
     * @param companies handles of the companies the user belongs to
     * @param handle the user's handle (defaults to the email)
     * @param disabled true to keep the user but refuse its logins
     */
    public record UserEntry(String email, String password, String role, List<String> companies, String handle,
            Boolean disabled) {
        @Override
        public String toString() {
            return "UserEntry[email=" + email + ", role=" + role + "]";
        }
    }

    /**
     * @param pace time the simulated runner spends per item, such as 500ms or 2s
     * @param defaultItemCount items of a job whose detail names none
     * @param doneLinger how long a finished job stays in getActiveJobs, such as 10m
     * @param workers jobs that run at once
     * @param maxJobNameLength longest accepted job name
     * @param maxWorkItems most URLs or assets in one job
     * @param maxLogRows most job logs in one answer
     * @param runner real (the default: jobs fetch, store and publish files) or simulated (jobs only walk
     *        their items at the pace, touching nothing; for protocol tests and benchmarks)
     * @param simulate job types (their Job Types names, such as ImageServingPublish) that the simulated
     *        runner walks even when the runner is real
     */
    public record Jobs(String pace, Integer defaultItemCount, String doneLinger,
            Integer workers, Integer maxJobNameLength, Integer maxWorkItems, Integer maxLogRows, String runner,
            List<String> simulate) {
        public Jobs(String pace, Integer defaultItemCount, String doneLinger, Integer workers, Integer maxJobNameLength,
                Integer maxWorkItems, Integer maxLogRows) {
            this(pace, defaultItemCount, doneLinger, workers, maxJobNameLength, maxWorkItems, maxLogRows, null, null);
        }
    }

    /**
     * @param maxRequestBytes largest request body, such as 10MB or 512KB
     * @param maxElementDepth deepest XML nesting
     * @param maxChildElements most child elements under one element
     * @param maxElementCount most elements in one request
     * @param maxTextLength longest text of one element (characters)
     * @param maxAttributeCount most attributes on one element
     * @param maxAttributeSize longest attribute value (characters)
     * @param idleTimeout how long a silent connection stays open, such as 30s
     * @param minRequestDataRate slowest accepted request body, per second, such as 1KB
     * @param maxConnections most connections open at once
     * @param maxBufferedRequestBytes most request-body bytes held for all requests together, such as 256MB
     * @param acceptQueueSize connections queued by the operating system before they are accepted
     */
    public record Limits(String maxRequestBytes, Integer maxElementDepth, Integer maxChildElements, Long maxElementCount,
            Integer maxTextLength, Integer maxAttributeCount, Integer maxAttributeSize, String idleTimeout,
            String minRequestDataRate, Integer maxConnections, String maxBufferedRequestBytes,
            Integer acceptQueueSize) {
    }
}
