package org.ipsjobs.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ipsjobs.admin.SeedReader;
import org.ipsjobs.control.Seed;
import org.ipsjobs.control.SeedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line entry point: {@code java -jar ips-job-service.jar [--config FILE] [--port N] [--host H]}.
 * Exits with 0 after an orderly stop, 2 when the configuration, seed or an option cannot be used, and
 * 3 when the port cannot be opened; each of those failures is one line on standard error.
 */
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

    @Option(names = "--admin-password-file", paramLabel = "FILE", description = "Without --config: the password of the"
            + " generated admin@localhost, read from the first line of FILE (the " + PASSWORD_VARIABLE
            + " environment variable does the same; default: a random one).")
    private Path adminPasswordFile;

    /** Sets the first-run admin's password, so that scripts and CI know it in advance. */
    static final String PASSWORD_VARIABLE = "IPS_ADMIN_PASSWORD";

    /** Exit status when the configuration, the seed or an option cannot be used. */
    static final int EXIT_CONFIG = 2;
    /** Exit status when the port cannot be opened (taken, or not this machine's address). */
    static final int EXIT_CANNOT_LISTEN = 3;

    public static void main(String[] args) {
        int status = new CommandLine(new Main()).execute(args);
        StopSignals.flushLogs(); // lines logged just before a failed start are written before the JVM ends
        System.exit(status);
    }

    @Override
    public Integer call() throws Exception {
        ServiceSettings settings;
        FirstRun firstRun = null;
        try {
            if (config == null) {
                firstRun = firstRun();
                settings = firstRun.generated().settings();
            } else {
                if (adminPasswordFile != null) {
                    throw new ConfigException("--admin-password-file sets the password of the admin made up when no"
                            + " --config is given; with --config, give each user's password in the file");
                }
                settings = ServiceSettings.load(config);
                settings.users().stream().filter(u -> !u.password().isHashed()).forEach(u -> LOG.warn(
                        "user {} has a plain-text password in {}; store a hash printed by 'java -jar ips-job-service.jar"
                                + " hash-password' instead", u.email(), config));
                if (System.getenv(PASSWORD_VARIABLE) != null) {
                    LOG.warn("{} is ignored: with --config the users and their passwords come from {}",
                            PASSWORD_VARIABLE, config);
                }
            }
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return EXIT_CONFIG;
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
            boolean seededUsers = false;
            if (seed != null) {
                Seed document = SeedReader.read(Files.readAllBytes(seed));
                seededUsers = !document.users().isEmpty();
                parts.seed(document);
            }
            if (settings.users().isEmpty() && !seededUsers) {
                LOG.warn("{} has no users: nobody can log in until POST /__admin/seed adds some", config);
            }
            server = IpsJobServer.start(settings, parts.build());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (SeedException e) {
            System.err.println("Seed error in " + seed + ": " + e.getMessage());
            return EXIT_CONFIG;
        } catch (CannotListenException e) {
            System.err.println("Cannot start: " + e.getMessage());
            return EXIT_CANNOT_LISTEN;
        }
        // only now that the port is ours: a start that fails leaves the file of a server already running alone
        if (firstRun != null) {
            announce(firstRun, server.endpoint());
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

    /**
     * The settings made up without a config file: its admin's password from --admin-password-file,
     * else from IPS_ADMIN_PASSWORD, else random.
     *
     * @param generated the settings and the admin's credentials
     * @param source where the password came from, or null when it was made up
     */
    private record FirstRun(ServiceSettings.Generated generated, String source) {
    }

    private FirstRun firstRun() {
        if (adminPasswordFile != null) {
            String text;
            try {
                text = Files.readString(adminPasswordFile);
            } catch (NoSuchFileException e) {
                throw new ConfigException("--admin-password-file " + adminPasswordFile + ": no such file");
            } catch (IOException e) {
                throw new ConfigException("--admin-password-file " + adminPasswordFile + ": cannot be read ("
                        + e.getMessage() + ")");
            }
            String password = text.lines().findFirst().orElse("");
            if (password.isBlank()) {
                throw new ConfigException("--admin-password-file " + adminPasswordFile + ": the first line, which"
                        + " holds the password, is empty");
            }
            return new FirstRun(ServiceSettings.firstRun(password), "--admin-password-file "
                    + adminPasswordFile.toAbsolutePath());
        }
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password != null) {
            if (password.isBlank()) {
                throw new ConfigException(PASSWORD_VARIABLE + " is set but empty; give it the password, or unset it"
                        + " to get a random one");
            }
            return new FirstRun(ServiceSettings.firstRun(password), "the " + PASSWORD_VARIABLE
                    + " environment variable");
        }
        return new FirstRun(ServiceSettings.generated(new SecureRandom()), null);
    }

    /**
     * Says who may log in, and writes it to ./ips-job-service.credentials (readable by the owner
     * only). A password the user chose is neither printed nor written: the user has it already.
     */
    private static void announce(FirstRun firstRun, URI endpoint) {
        ServiceSettings.Generated g = firstRun.generated();
        Path file = Path.of(CREDENTIALS_FILE).toAbsolutePath();
        String content = "user: " + g.email() + "\n"
                + (firstRun.source() == null ? "password: " + g.password() : "password-from: " + firstRun.source())
                + "\nendpoint: " + endpoint + "\n";
        String written;
        try {
            writePrivately(file, content);
            written = "written to " + file;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write {}: {}", file, e.toString());
            written = "not written to " + file + ", see the warning above";
        }
        String who = "No --config given: company " + ServiceSettings.FIRST_RUN_COMPANY + " (Default Company) and"
                + " IpsAdmin user " + g.email();
        System.out.println(firstRun.source() == null
                ? who + " with password " + g.password() + " (also " + written + ")"
                : who + ", whose password comes from " + firstRun.source() + " (not shown; user and endpoint "
                        + written + ")");
    }

    /** Replaces the file at once with one only its owner can read; a reader never sees half of it. */
    private static void writePrivately(Path file, String content) throws IOException {
        Path dir = file.getParent();
        Path temporary;
        try {
            temporary = Files.createTempFile(dir, "." + CREDENTIALS_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the file keeps the default permissions
            temporary = Files.createTempFile(dir, "." + CREDENTIALS_FILE, ".tmp");
        }
        try {
            Files.writeString(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** {@code --version}: the version Maven built. */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ips-job-service " + Version.current()};
        }
    }
}
