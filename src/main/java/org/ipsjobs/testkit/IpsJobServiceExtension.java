package org.ipsjobs.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;

import org.ipsjobs.admin.SeedReader;
import org.ipsjobs.server.IpsJobServer;
import org.ipsjobs.server.ServiceComponents;
import org.ipsjobs.server.ServiceSettings;
import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs an IPS Job Service inside a JUnit 5 test, on a free loopback port:
 *
 * <pre>{@code
 * @RegisterExtension
 * static IpsJobServiceExtension ips = IpsJobServiceExtension.builder()
 *         .config("src/test/resources/ips.yaml").frozenClock("2026-01-01T00:00:00Z").build();
 * }</pre>
 *
 * Registered on a static field, one server serves the whole class and is reset before each test
 * (unless {@link Builder#resetBetweenTests(boolean) told not to}); on an instance field, each test gets
 * its own. Without a configuration the server has one company ({@code c|1}) and one IpsAdmin, whose
 * credentials {@link #adminUser()} and {@link #adminPassword()} give.
 */
public final class IpsJobServiceExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final Path config;
    private final Path seed;
    private final Instant frozenAt;
    private final boolean resetBetweenTests;
    private IpsJobServer server;
    private AdminClient admin;
    private String adminUser;
    private String adminPassword;
    private boolean perClass;

    private IpsJobServiceExtension(Builder b) {
        this.config = b.config;
        this.seed = b.seed;
        this.frozenAt = b.frozenAt;
        this.resetBetweenTests = b.resetBetweenTests;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How the server is started. */
    public static final class Builder {
        private Path config;
        private Path seed;
        private Instant frozenAt;
        private boolean resetBetweenTests = true;

        private Builder() {
        }

        /** A configuration file, as {@code java -jar ... --config} takes it (host and port are ignored). */
        public Builder config(String path) {
            return config(Path.of(path));
        }

        public Builder config(Path path) {
            this.config = path;
            return this;
        }

        /**
         * A seed file (JSON or YAML, as {@code --seed} and {@code POST /__admin/seed} take it): what the
         * service holds at the start of every test.
         */
        public Builder seed(String path) {
            return seed(Path.of(path));
        }

        public Builder seed(Path path) {
            this.seed = path;
            return this;
        }

        /** Starts (and, after each reset, restarts) the service clock frozen at this instant. */
        public Builder frozenClock(String instant) {
            return frozenClock(Instant.parse(instant));
        }

        public Builder frozenClock(Instant instant) {
            this.frozenAt = instant;
            return this;
        }

        /** Whether each test starts from a reset service (the default), when the server serves a whole class. */
        public Builder resetBetweenTests(boolean reset) {
            this.resetBetweenTests = reset;
            return this;
        }

        public IpsJobServiceExtension build() {
            return new IpsJobServiceExtension(this);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (server == null) {
            start();
        } else if (resetBetweenTests) {
            reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the server now (the callbacks do it for you). */
    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        ServiceSettings settings;
        if (config != null) {
            settings = ServiceSettings.load(config);
            adminUser = null;
            adminPassword = null;
        } else {
            ServiceSettings.Generated generated = ServiceSettings.generated(new SecureRandom());
            settings = generated.settings();
            adminUser = generated.email();
            adminPassword = generated.password();
        }
        settings = settings.withHost("127.0.0.1").withPort(0);
        ServiceClock clock = frozenAt == null ? ServiceClock.system(settings.jobs().zone())
                : ServiceClock.frozen(frozenAt, settings.jobs().zone());
        ServiceComponents.Builder parts = ServiceComponents.builder(settings).clock(clock);
        if (seed != null) {
            parts.seed(SeedReader.read(Files.readAllBytes(seed)));
        }
        server = IpsJobServer.start(settings, parts.build());
        admin = new AdminClient(URI.create("http://127.0.0.1:" + server.port()), settings.admin().token());
    }

    /** Forgets everything the service holds and, with a frozen clock, sets the clock back. */
    public void reset() {
        if (frozenAt != null) {
            server.components().control().freezeAt(frozenAt); // first, so a re-applied seed is dated then
        }
        server.components().reset();
    }

    /** Stops the server (the callbacks do it for you). */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The SOAP endpoint, for a client's endpoint address. */
    public URI endpointUrl() {
        return running().endpoint();
    }

    /** The WSDL of an API version, such as {@code 2022-11-01-beta}. */
    public URI wsdlUrl(String version) {
        return running().wsdl().resolve("IpsApi-" + version + ".wsdl");
    }

    /** The admin API, to steer the service from the test. */
    public AdminClient admin() {
        running();
        return admin;
    }

    /** The generated IpsAdmin's e-mail when no configuration was given; else null. */
    public String adminUser() {
        return adminUser;
    }

    /** The generated IpsAdmin's password when no configuration was given; else null. */
    public String adminPassword() {
        return adminPassword;
    }

    private IpsJobServer running() {
        if (server == null) {
            throw new IllegalStateException("the IPS Job Service is not running: register the extension with"
                    + " @RegisterExtension, or call start()");
        }
        return server;
    }
}
