package org.ipsjobs.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ipsjobs.admin.SeedReader;
import org.ipsjobs.control.SeedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point: {@code java -jar ips-job-service.jar [--config FILE] [--port N] [--host H]}. */
@Command(name = "ips-job-service", mixinStandardHelpOptions = true, versionProvider = Main.BuildVersion.class,
        description = "Serves the job operations of the Scene7 IPS SOAP API.",
        subcommands = HashPasswordCommand.class)
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    static final String CREDENTIALS_FILE = "ips-job-service.credentials";

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    private Path config;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: from the config, else 8080; 0 picks a free one).")
    private Integer port;

    @Option(names = "--seed", paramLabel = "FILE", description = "JSON or YAML seed: companies, users and jobs the"
            + " service holds at start and again after every reset (see POST /__admin/seed).")
    private Path seed;

    @Option(names = "--host", paramLabel = "H", description = "Interface to listen on (default: from the config, else 127.0.0.1).")
    private String host;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ServiceSettings settings;
        try {
            settings = config == null ? generatedSettings() : ServiceSettings.load(config);
            if (config != null) {
                settings.users().stream().filter(u -> !u.password().isHashed()).forEach(u -> LOG.warn(
                        "user {} has a plain-text password in {}; store a hash printed by 'java -jar ips-job-service.jar"
                                + " hash-password' instead", u.email(), config));
            }
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        }
        if (host != null) {
            settings = settings.withHost(host);
        }
        if (port != null) {
            settings = settings.withPort(port);
        }
        String token = System.getenv(AdminSettings.TOKEN_VARIABLE);
        if (settings.admin().token() == null && token != null && !token.isBlank()) {
            settings = settings.withAdmin(settings.admin().withToken(token.trim()));
        }
        IpsJobServer server;
        try {
            ServiceComponents.Builder parts = ServiceComponents.builder(settings)
                    .clock(ServiceClock.system(settings.jobs().zone()));
            if (seed != null) {
                parts.seed(SeedReader.read(Files.readAllBytes(seed)));
            }
            server = IpsJobServer.start(settings, parts.build());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        } catch (SeedException e) {
            System.err.println("Seed error in " + seed + ": " + e.getMessage());
            return 2;
        }
        // SIGTERM and SIGINT ask for an orderly stop, after which the process exits with 0; the hook covers
        // every other way the JVM may end (it does nothing once the server is closed)
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.install(stopRequested::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ips-shutdown"));
        System.out.println("IPS Job Service is ready: endpoint " + server.endpoint() + ", WSDL " + server.wsdl());
        stopRequested.await();
        LOG.info("stopping: no new requests; requests in flight get up to {} s to finish",
                settings.shutdownGrace().toMillis() / 1000.0);
        server.close();
        LOG.info("stopped");
        StopSignals.flushLogs();
        return 0;
    }

    /** No config file: one company and an IpsAdmin with a fresh random password, shown once. */
    private static ServiceSettings generatedSettings() throws IOException {
        ServiceSettings.Generated generated = ServiceSettings.generated(new SecureRandom());
        Path file = Path.of(CREDENTIALS_FILE).toAbsolutePath();
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the file keeps the default permissions
        }
        Files.writeString(file, "user: " + generated.email() + "\npassword: " + generated.password() + "\n",
                StandardOpenOption.TRUNCATE_EXISTING);
        System.out.println("No --config given: company c|1 (Default Company) and IpsAdmin user " + generated.email()
                + " with password " + generated.password() + " (also written to " + file + ")");
        return generated.settings();
    }

    /** {@code --version}: the version Maven built. */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ips-job-service " + Version.current()};
        }
    }
}
