package org.ipsjobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.ipsjobs.jobs.core.JobSettings;
import org.ipsjobs.run.WorkSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ipsjobs.server.IpsJobServer;
import org.ipsjobs.server.ServiceComponents;
import org.ipsjobs.server.ServiceConfig;
import org.ipsjobs.server.ServiceSettings;
import org.ipsjobs.time.ServiceClock;

/**
 * The whole service, started on a free loopback port with a known cast of companies and users, and
 * a clock the test controls: it runs on real time until a test freezes or advances it. Company 47 (Sample Company) and 48 (Other Company); an IpsAdmin, an
 * IpsUser of 47 and an IpsUser of 48. A test class holds one in a static {@code @RegisterExtension}
 * field; JUnit stops it after the class's last test.
 */
public final class TestServer implements AutoCloseable, AfterAllCallback {

    public static final String ADMIN = "admin@example.com";
    public static final String ADMIN_PASSWORD = "admin-secret";
    public static final String USER47 = "user47@example.com";
    public static final String USER47_PASSWORD = "pw-47";
    public static final String USER48 = "user48@example.com";
    public static final String USER48_PASSWORD = "pw-48";

    public final ServiceClock clock;
    public final IpsJobServer server;
    public final SoapClient client;
    /** Where the asset store keeps each company's folder (company 47's is "Sample Company"). */
    public final Path assetsRoot;

    private TestServer(ServiceClock clock, IpsJobServer server, Path assetsRoot) {
        this.clock = clock;
        this.server = server;
        this.assetsRoot = assetsRoot;
        this.client = new SoapClient(server.endpoint());
    }

    /** Jobs finish as fast as they can and stay listed for an hour of test-clock time. */
    public static TestServer start() {
        return start(Duration.ZERO, Duration.ofHours(1));
    }

    /**
     * @param pace time each work item takes (real time)
     * @param linger how long, on the test clock, a finished job stays listed
     */
    public static TestServer start(Duration pace, Duration linger) {
        return start(pace, linger, List.of());
    }

    /** As {@link #start(Duration, Duration)}, with more users besides the standard three. */
    public static TestServer start(Duration pace, Duration linger, List<ServiceConfig.UserEntry> moreUsers) {
        return start(pace, linger, moreUsers, UnaryOperator.identity());
    }

    /** The standard server with its settings changed by {@code tweak} (limits, for example). */
    public static TestServer start(UnaryOperator<ServiceSettings> tweak) {
        return start(Duration.ZERO, Duration.ofHours(1), List.of(), tweak, UnaryOperator.identity());
    }

    /**
     * The standard server with the real runners: jobs fetch and store files, in a temporary folder of its
     * own, and may fetch from loopback (where tests serve their files).
     */
    public static TestServer withRealRunners(UnaryOperator<ServiceSettings> tweak) {
        return start(s -> tweak.apply(s.withWork(s.work().withRunner(WorkSettings.Runner.REAL))));
    }

    /** The standard server with some of its parts replaced (a runner, the scheduler, interceptors). */
    public static TestServer withParts(UnaryOperator<ServiceComponents.Builder> parts) {
        return start(Duration.ZERO, Duration.ofHours(1), List.of(), UnaryOperator.identity(), parts);
    }

    private static TestServer start(Duration pace, Duration linger, List<ServiceConfig.UserEntry> moreUsers,
            UnaryOperator<ServiceSettings> tweak) {
        return start(pace, linger, moreUsers, tweak, UnaryOperator.identity());
    }

    private static TestServer start(Duration pace, Duration linger, List<ServiceConfig.UserEntry> moreUsers,
            UnaryOperator<ServiceSettings> tweak, UnaryOperator<ServiceComponents.Builder> parts) {
        List<ServiceConfig.UserEntry> users = new java.util.ArrayList<>(List.of(
                new ServiceConfig.UserEntry(ADMIN, ADMIN_PASSWORD, "IpsAdmin", List.of("47"), null, null),
                new ServiceConfig.UserEntry(USER47, USER47_PASSWORD, "IpsUser", List.of("47"), "u|47|1", null),
                new ServiceConfig.UserEntry(USER48, USER48_PASSWORD, "IpsUser", List.of("48"), "u|48|1", null)));
        users.addAll(moreUsers);
        ServiceConfig config = new ServiceConfig(
                new ServiceConfig.Server("127.0.0.1", 0, "test-server", "UTC", null),
                List.of(new ServiceConfig.CompanyEntry("47", "Sample Company"),
                        new ServiceConfig.CompanyEntry("48", "Other Company")),
                users, null, null);
        ServiceSettings settings = ServiceSettings.from(config);
        JobSettings j = settings.jobs();
        settings = settings.withJobs(new JobSettings(j.serverName(), ZoneId.of("UTC"), 2, pace, 3, linger,
                j.maxJobNameLength(), j.maxWorkItems(), j.maxLogRows()));
        // simulated jobs unless a test asks for real ones; files, if any, in a folder of this server's own
        Path files;
        try {
            files = Files.createTempDirectory("ips-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings = settings.withWork(settings.work().withRunner(WorkSettings.Runner.SIMULATED).under(files));
        // tests stop their servers often; a request still in flight then gets a second, not ten
        settings = tweak.apply(settings.withShutdownGrace(Duration.ofSeconds(1)));
        ServiceClock clock = ServiceClock.system(ZoneId.of("UTC"));
        try {
            return new TestServer(clock, IpsJobServer.start(settings,
                    parts.apply(ServiceComponents.builder(settings).clock(clock)).build()), settings.work().assetsRoot());
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    /** Calls an operation as the IpsAdmin. */
    public SoapResponse call(String operation, String body) {
        return client.call(operation, ADMIN, ADMIN_PASSWORD, body);
    }

    /** Calls an operation with a request file from src/test/resources/requests, as the IpsAdmin. */
    public SoapResponse call(String operation, String requestFile, Map<String, String> values) {
        return call(operation, SoapClient.request(requestFile, values));
    }

    /** Submits an image serving publish job to run now; returns its handle. */
    public String submitPublish(String company, String name) {
        SoapResponse r = call("submitJob", "submitJob/image-serving-publish.xml", Map.of("company", company, "name", name));
        if (r.isFault()) {
            throw new AssertionError("submitJob failed: " + r);
        }
        return r.xpath("//ips:submitJobReturn/ips:jobHandle");
    }

    /** getActiveJobs for one handle. */
    public SoapResponse activeJob(String company, String handle) {
        return call("getActiveJobs", "getActiveJobs/by-handle.xml", Map.of("company", company, "handle", handle));
    }

    /** The handle of the job's run as getActiveJobs lists it (IPS lists runs, not the submitted job). */
    public String runHandle(String company, String jobHandle) {
        return activeJob(company, jobHandle).xpath("//ips:jobArray/ips:items/ips:jobHandle");
    }

    /** The state getActiveJobs reports for the job, or an empty string when it is not listed. */
    public String state(String company, String handle) {
        return activeJob(company, handle).xpath("//ips:items/ips:state");
    }

    /** getJobLogDetails for one job or run of company 47's kind: the log and its lines. */
    public SoapResponse logDetails(String company, String handle) {
        return call("getJobLogDetails", "logs/getJobLogDetails.xml", Map.of("company", company, "handle", handle));
    }

    /**
     * Submits an uploadUrlsJob of company 47 for the URLs into the folder, waits until it is Done, and
     * returns its log details.
     */
    public SoapResponse uploadUrls(String name, String destPath, boolean overwrite, boolean ready, String... urls) {
        StringBuilder items = new StringBuilder();
        for (String url : urls) {
            items.append("<items><sourceUrl>").append(url.replace("&", "&amp;")).append("</sourceUrl><destPath>")
                    .append(destPath).append("</destPath></items>");
        }
        SoapResponse r = call("submitJob", "<submitJobParam xmlns=\"http://www.scene7.com/IpsApi/xsd/2022-11-01-beta\">"
                + "<companyHandle>47</companyHandle><jobName>" + name + "</jobName><uploadUrlsJob><urlArray>" + items
                + "</urlArray><overwrite>" + overwrite + "</overwrite><readyForPublish>" + ready + "</readyForPublish>"
                + "<createMask>false</createMask><emailSetting>None</emailSetting></uploadUrlsJob></submitJobParam>");
        if (r.isFault()) {
            throw new AssertionError("submitJob failed: " + r);
        }
        String handle = r.xpath("//ips:submitJobReturn/ips:jobHandle");
        awaitState("47", handle, "Done");
        return logDetails("47", handle);
    }

    /** Waits (polling, bounded) until getActiveJobs reports the job in the given state. */
    public void awaitState(String company, String handle, String state) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> state.equals(state(company, handle)));
    }

    /** A control operation (pauseJob, stopJob, ...) on one job. */
    public SoapResponse control(String operation, String company, String handle) {
        return call(operation, "control/" + operation + ".xml", Map.of("company", company, "handle", handle));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.close();
    }
}
