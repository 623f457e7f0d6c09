package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, as a user types it: the shaded jar, started with and without a config file. */
class JarStartupIT {

    private static final Pattern READY = Pattern.compile("endpoint (http://\\S+), WSDL");
    private static final Pattern PASSWORD = Pattern.compile("user (\\S+) with password (\\S+) \\(also written to");

    @TempDir
    Path workDir;

    @Test
    void withoutConfigItMakesUpAnAdminAndPrintsThePasswordOnce() throws Exception {
        try (Started server = start(List.of("--port", "0"))) {
            Matcher credentials = server.find(PASSWORD);
            String user = credentials.group(1);
            String password = credentials.group(2);
            assertThat(user).isEqualTo("admin@localhost");
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);

            Path file = workDir.resolve("ips-job-service.credentials");
            assertThat(Files.readString(file)).contains(password);
            assertThat(Files.getPosixFilePermissions(file)).containsOnly(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);

            SoapClient client = new SoapClient(server.endpoint);
            SoapResponse submitted = client.call("submitJob", user, password,
                    SoapClient.request("submitJob/image-serving-publish.xml", Map.of("company", "c|1", "name", "From the jar")));
            assertThat(submitted.xpath("//ips:jobHandle")).isEqualTo("j|1|From the jar||");
            assertThat(client.call("getActiveJobs", user, "admin", "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>")
                    .faultCode()).as("no fixed default password").isEqualTo(10001);
        }
        try (Started again = start(List.of("--port", "0"))) {
            assertThat(again.find(PASSWORD).group(2)).as("a fresh password each start").isNotEmpty();
        }
    }

    @Test
    void withAConfigFileItServesItsCompaniesAndUsers() throws Exception {
        Path config = workDir.resolve("config.yaml");
        Files.writeString(config, """
                server: {name: jar-test, timeZone: UTC}
                companies: [{handle: "9", name: Nine}]
                users: [{email: nine@example.com, password: nine-pw, role: IpsUser, companies: ["9"]}]
                jobs: {pace: 0ms}
                """);
        try (Started server = start(List.of("--config", config.toString(), "--port", "0"))) {
            assertThat(server.output).noneMatch(line -> line.contains("nine-pw"));
            assertThat(server.output).anyMatch(line -> line.contains("WARN") && line.contains("nine@example.com")
                    && line.contains("plain-text password") && line.contains("hash-password"));
            SoapResponse login = new SoapClient(server.endpoint).call("checkLogin", "nine@example.com", "nine-pw",
                    SoapClient.request("checkLogin/check.xml", Map.of("company", "9", "email", "nine@example.com",
                            "password", "nine-pw")));
            assertThat(login.xpath("//ips:status")).isEqualTo("ValidLogin");
        }
    }

    @Test
    void hashPasswordPrintsAHashTheServerAccepts() throws Exception {
        Process hasher = new ProcessBuilder(List.of("java", "-jar", jar(), "hash-password")).directory(workDir.toFile())
                .start();
        hasher.getOutputStream().write("tr0ub4dor\n".getBytes(StandardCharsets.UTF_8));
        hasher.getOutputStream().close();
        assertThat(hasher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String hash = new String(hasher.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(hasher.exitValue()).isZero();
        assertThat(hash).startsWith("pbkdf2-sha256:").doesNotContain("tr0ub4dor");

        Path config = workDir.resolve("hashed.yaml");
        Files.writeString(config, "companies: [{handle: \"9\"}]\nusers: [{email: h@example.com, password: \"" + hash
                + "\", role: IpsUser, companies: [\"9\"]}]\n");
        try (Started server = start(List.of("--config", config.toString(), "--port", "0"))) {
            assertThat(server.output).noneMatch(line -> line.contains("plain-text password"));
            SoapClient client = new SoapClient(server.endpoint);
            String active = "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>";
            assertThat(client.call("getActiveJobs", "h@example.com", "tr0ub4dor", active).isFault()).isFalse();
            assertThat(client.call("getActiveJobs", "h@example.com", "tr0ub4dor!", active).faultCode()).isEqualTo(10001);
        }
    }

    @Test
    void sigtermLetsARequestInFlightFinishStopsRunningJobsAndExitsWithZero() throws Exception {
        Path config = workDir.resolve("slow.yaml");
        Files.writeString(config, """
                server: {name: jar-test, timeZone: UTC, shutdownGrace: 10s}
                companies: [{handle: "9", name: Nine}]
                users: [{email: nine@example.com, password: nine-pw, role: IpsUser, companies: ["9"]}]
                jobs: {runner: simulated, pace: 1s, defaultItemCount: 30}
                """);
        Started server = start(List.of("--config", config.toString(), "--port", "0"));
        SoapClient client = new SoapClient(server.endpoint);
        SoapResponse submitted = client.call("submitJob", "nine@example.com", "nine-pw",
                SoapClient.request("submitJob/image-serving-publish.xml", Map.of("company", "9", "name", "Slow")));
        assertThat(submitted.isFault()).as(submitted.toString()).isFalse();

        byte[] body = SoapClient.envelope11(SoapClient.authHeader(SoapClient.COMMON_NS, "nine@example.com", "nine-pw"),
                "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(server.endpoint.getHost(), server.endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + server.endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/xml\r\nSOAPAction: getActiveJobs\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the interim answer comes once the server has taken the request in and started reading its body:
            // only then is it in flight (a stop that began before would rightly refuse it with 503)
            assertThat(readHead(socket)).startsWith("HTTP/1.1 100");
            socket.getOutputStream().write(body, 0, body.length / 2);
            socket.getOutputStream().flush();

            // SIGTERM; Process.destroy would also close our end of its output, losing what it logs while stopping
            server.process.toHandle().destroy();
            server.find(Pattern.compile("stopping: no new requests"));
            socket.getOutputStream().write(body, body.length / 2, body.length - body.length / 2);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).as("the request in flight is answered").startsWith("HTTP/1.1 200")
                    .contains("getActiveJobsReturn").contains("j|9||Slow_");
        }
        assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.process.exitValue()).as(String.join("\n", server.output)).isZero();
        assertThat(server.output).anyMatch(line -> line.contains("job j|9|Slow|| stopped: the server is shutting down"))
                .anyMatch(line -> line.endsWith(" - stopped"));
    }

    @Test
    void aBrokenConfigFileStopsStartUpWithAMessage() throws Exception {
        Path config = workDir.resolve("broken.yaml");
        Files.writeString(config, "users: [{email: a@b.c, password: x, role: Emperor}]\n");
        Process process = new ProcessBuilder(List.of("java", "-jar", jar(), "--config", config.toString(), "--port", "0"))
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("Emperor").contains("role");
    }

    @Test
    void aBusyPortIsOneLineOnStandardErrorAndLeavesTheRunningServersCredentialsAlone() throws Exception {
        try (Started first = start(List.of("--port", "0"))) {
            String password = first.find(PASSWORD).group(2);
            Path file = workDir.resolve("ips-job-service.credentials");
            String credentials = Files.readString(file);
            int port = first.endpoint.getPort();

            Finished second = run(Map.of(), "--port", String.valueOf(port));

            assertThat(second.exitCode).as(second.toString()).isEqualTo(3);
            assertThat(second.stderr.lines()).as(second.toString()).singleElement().asString()
                    .isEqualTo("Cannot start: cannot listen on 127.0.0.1:" + port + ": port " + port
                            + " is already in use (is the server running already?); stop what holds it, or choose"
                            + " another port");
            assertThat(second.stdout).as("nothing about credentials that were never in force").doesNotContain("password")
                    .doesNotContain("Exception");
            assertThat(Files.readString(file)).as("the running server's credentials file").isEqualTo(credentials);
            SoapResponse answer = new SoapClient(first.endpoint).call("getActiveJobs", "admin@localhost", password,
                    "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>");
            assertThat(answer.isFault()).as("the first server still takes its password").isFalse();
        }
    }

    @Test
    void ipsAdminPasswordFixesTheFirstRunPasswordWithoutPrintingIt() throws Exception {
        String password = "fixed-for-ci-5316";
        try (Started server = start(List.of("--port", "0"), Map.of("IPS_ADMIN_PASSWORD", password))) {
            server.find(Pattern.compile("IpsAdmin user admin@localhost, whose password comes from the IPS_ADMIN_PASSWORD"
                    + " environment variable \\(not shown"));
            assertThat(server.output).noneMatch(line -> line.contains(password));
            assertThat(Files.readString(workDir.resolve("ips-job-service.credentials")))
                    .doesNotContain(password).contains("user: admin@localhost")
                    .contains("password-from: the IPS_ADMIN_PASSWORD environment variable")
                    .contains("endpoint: " + server.endpoint);
            SoapClient client = new SoapClient(server.endpoint);
            String active = "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>";
            assertThat(client.call("getActiveJobs", "admin@localhost", password, active).isFault()).isFalse();
            assertThat(client.call("getActiveJobs", "admin@localhost", password + "x", active).faultCode()).isEqualTo(10001);
        }
    }

    @Test
    void adminPasswordFileFixesTheFirstRunPasswordToo() throws Exception {
        Path secret = Files.writeString(workDir.resolve("password.txt"), "from-a-file-8841\n");
        try (Started server = start(List.of("--port", "0", "--admin-password-file", secret.toString()),
                Map.of("IPS_ADMIN_PASSWORD", "the-file-wins"))) {
            server.find(Pattern.compile("whose password comes from --admin-password-file " + Pattern.quote(
                    secret.toAbsolutePath().toString())));
            assertThat(server.output).noneMatch(line -> line.contains("from-a-file-8841"));
            assertThat(Files.readString(workDir.resolve("ips-job-service.credentials"))).doesNotContain("from-a-file-8841")
                    .contains("password-from: --admin-password-file " + secret.toAbsolutePath());
            SoapClient client = new SoapClient(server.endpoint);
            String active = "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>";
            assertThat(client.call("getActiveJobs", "admin@localhost", "from-a-file-8841", active).isFault()).isFalse();
        }
        Finished missing = run(Map.of(), "--port", "0", "--admin-password-file", "no-such-file.txt");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.stderr.lines()).singleElement().asString().contains("no-such-file.txt: no such file");
        Path config = Files.writeString(workDir.resolve("config.yaml"),
                "users: [{email: root@example.com, password: pw, role: IpsAdmin}]\n");
        Finished withConfig = run(Map.of(), "--config", config.toString(), "--admin-password-file", secret.toString());
        assertThat(withConfig.exitCode).as("the option cannot apply to a config's users").isEqualTo(2);
        assertThat(withConfig.stderr.lines()).singleElement().asString().contains("--admin-password-file");
    }

    @Test
    void versionPrintsTheVersionMavenBuilt() throws Exception {
        String expected = System.getProperty("ips.version");
        assertThat(expected).as("failsafe passes the project version").isNotBlank();
        Finished version = run(Map.of(), "--version");
        assertThat(version.exitCode).isZero();
        assertThat(version.stdout.strip()).isEqualTo("ips-job-service " + expected);
    }

    @Test
    void aConfigWithoutUsersIsRefused() throws Exception {
        Path config = Files.writeString(workDir.resolve("nobody.yaml"), "companies: [{handle: \"9\"}]\n");
        Finished run = run(Map.of(), "--config", config.toString(), "--port", "0");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr.lines()).singleElement().asString()
                .startsWith("Configuration error: " + config + ": users: no users are configured, so nobody could log in");
    }

    /** Reads one answer head, up to and including the empty line that ends it. */
    private static String readHead(Socket socket) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private Started start(List<String> args) throws IOException {
        return start(args, Map.of());
    }

    private Started start(List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", jar()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("IPS_ADMIN_PASSWORD");
        builder.environment().putAll(environment);
        return new Started(builder.start());
    }

    /** Runs the jar to its end, keeping standard output and standard error apart. */
    private Finished run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("IPS_ADMIN_PASSWORD");
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String stdout = readAll(process.getInputStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        return new Finished(process.exitValue(), stdout, stderr.get(10, TimeUnit.SECONDS));
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Finished(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static String jar() {
        String jar = System.getProperty("ips.jar", "target/ips-job-service.jar");
        assertThat(Path.of(jar)).exists();
        return jar;
    }

    /** A running jar whose output is collected line by line. */
    private static final class Started implements AutoCloseable {
        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        final URI endpoint;
        // set once everything the process wrote has been read: only then is a missing line really missing
        volatile boolean outputEnded;

        Started(Process process) {
            this.process = process;
            CompletableFuture.runAsync(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    reader.lines().forEach(output::add);
                } catch (IOException e) {
                    // the process ended
                } finally {
                    outputEnded = true;
                }
            });
            this.endpoint = URI.create(find(READY).group(1));
        }

        Matcher find(Pattern pattern) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .failFast("the server exited: " + output, () -> outputEnded && match(pattern) == null)
                    .until(() -> match(pattern) != null);
            return match(pattern);
        }

        private Matcher match(Pattern pattern) {
            for (String line : output) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            return null;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
