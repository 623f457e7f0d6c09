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
                jobs: {pace: 1s, defaultItemCount: 30}
                """);
        Started server = start(List.of("--config", config.toString(), "--port", "0"));
        SoapClient client = new SoapClient(server.endpoint);
        SoapResponse submitted = client.call("submitJob", "nine@example.com", "nine-pw",
                SoapClient.request("submitJob/image-serving-publish.xml", Map.of("company", "9", "name", "Slow")));
        assertThat(submitted.isFault()).as(submitted.toString()).isFalse();

        byte[] body = SoapClient.envelope11(SoapClient.authHeader(SoapClient.COMMON_NS, "nine@example.com", "nine-pw"),
                "<getActiveJobsParam xmlns=\"" + SoapClient.API_NS + "\"/>").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(server.endpoint.getHost(), server.endpoint.getPort())) {
            socket.getOutputStream().write(("POST " + server.endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/xml\r\nSOAPAction: getActiveJobs\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body, 0, body.length / 2);
            socket.getOutputStream().flush();

            // SIGTERM; Process.destroy would also close our end of its output, losing what it logs while stopping
            server.process.toHandle().destroy();
            server.find(Pattern.compile("stopping: no new requests"));
            socket.getOutputStream().write(body, body.length / 2, body.length - body.length / 2);
            socket.setSoTimeout(10_000);
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

    private Started start(List<String> args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", jar()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        return new Started(process);
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
