package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipsjobs.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSettingsTest {

    @TempDir
    Path dir;

    @Test
    void readsEverySetting() throws Exception {
        ServiceSettings s = load("""
                server: {host: 0.0.0.0, port: 9090, name: ips-1, timeZone: Europe/Berlin, publicUrl: "https://ips.example.com"}
                companies: [{handle: "47", name: Sample}]
                users:
                  - {email: a@example.com, password: pw, role: ipsuser, companies: ["47"], handle: "u|1"}
                jobs: {pace: 250ms, defaultItemCount: 2, doneLinger: PT5M, workers: 3, maxJobNameLength: 64,
                       maxWorkItems: 10, maxLogRows: 50}
                """);

        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(9090);
        assertThat(s.publicUrl()).isEqualTo("https://ips.example.com");
        assertThat(s.jobs().serverName()).isEqualTo("ips-1");
        assertThat(s.jobs().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.jobs().pace()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.jobs().doneLinger()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.jobs().workers()).isEqualTo(3);
        assertThat(s.jobs().maxLogRows()).isEqualTo(50);
        assertThat(s.users()).singleElement().satisfies(u -> {
            assertThat(u.role()).isEqualTo(Role.IPS_USER);
            assertThat(u.handle()).isEqualTo("u|1");
            assertThat(u.password().matches("pw")).isTrue();
            assertThat(u.password().matches("pW")).isFalse();
        });
    }

    /** A company and a user who can log in, for tests about other sections. */
    private static final String SOMEONE = """
            companies: [{handle: "c|1"}]
            users: [{email: a@example.com, password: pw, role: IpsUser, companies: ["c|1"]}]
            """;

    @Test
    void defaultsForAnEmptySection() throws Exception {
        ServiceSettings s = load(SOMEONE);
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.jobs().doneLinger()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.answerCacheBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void theAnswerCacheIsASizeAndZeroTurnsItOff() throws Exception {
        assertThat(load(SOMEONE + "server: {answerCache: 4MB}\n").answerCacheBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(load(SOMEONE + "server: {answerCache: 0}\n").answerCacheBytes()).isZero();
        assertThatThrownBy(() -> load(SOMEONE + "server: {answerCache: plenty}\n"))
                .hasMessageContaining("server.answerCache").hasMessageContaining("'plenty' is not a size");
    }

    @Test
    void refusesMistakesWithMessagesThatSayWhere() {
        assertThatThrownBy(() -> load("server: {prot: 1}\n" + SOMEONE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("prot");
        assertThatThrownBy(() -> load("users: [{email: a@b.c, password: x, role: King}]\n"))
                .hasMessageContaining("King");
        assertThatThrownBy(() -> load("users: [{email: a@b.c, password: x, role: IpsUser, companies: [\"7\"]}]\n"))
                .hasMessageContaining("company '7'");
        assertThatThrownBy(() -> load("companies: [{handle: \"1\"}, {handle: \"1\"}]\n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|8676\"}, {handle: \"8676\"}]\n"))
                .hasMessageContaining("'c|8676' and '8676'").hasMessageContaining("company id '8676'");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|86|76\"}]\n")).hasMessageContaining("c|86|76");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|\"}]\n")).hasMessageContaining("'c|'");
        assertThatThrownBy(() -> load(SOMEONE + "jobs: {pace: soon}\n")).hasMessageContaining("jobs.pace");
        assertThatThrownBy(() -> load(SOMEONE + "jobs: {workers: 0}\n")).hasMessageContaining("jobs.workers");
        assertThatThrownBy(() -> load(SOMEONE + "server: {timeZone: Mars/Olympus}\n")).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> load("server: [oops")).isInstanceOf(ConfigException.class);
    }

    @Test
    void generatedSettingsHaveOneAdminWithARandomPassword() {
        ServiceSettings.Generated a = ServiceSettings.generated(new SecureRandom());
        ServiceSettings.Generated b = ServiceSettings.generated(new SecureRandom());
        assertThat(a.password()).isNotEqualTo(b.password()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(a.settings().users()).singleElement().satisfies(u -> {
            assertThat(u.role()).isEqualTo(Role.IPS_ADMIN);
            assertThat(u.password().matches(a.password())).isTrue();
        });
        assertThat(a.toString()).doesNotContain(a.password());
        assertThat(a.settings().companies()).singleElement().satisfies(c -> assertThat(c.handle()).isEqualTo("c|1"));
    }

    @Test
    void anUnknownKeyNamesItsLineAndTheClosestKnownKey() {
        assertThatThrownBy(() -> load(SOMEONE + "server:\n  host: 127.0.0.1\n  prot: 8080\n"))
                .hasMessage(file() + ", line 5: server.prot: unknown key; did you mean 'port'? Keys of server: host,"
                        + " port, name, timeZone, publicUrl, shutdownGrace, answerCache");
        assertThatThrownBy(() -> load("servre:\n  port: 1\n" + SOMEONE))
                .hasMessageStartingWith(file() + ", line 1: servre: unknown key; did you mean 'server'? Keys at the top level:");
        assertThatThrownBy(() -> load(SOMEONE + "server:\n  timezone: UTC\n"))
                .hasMessageContaining("server.timezone: unknown key; did you mean 'timeZone'?");
        assertThatThrownBy(() -> load("""
                companies: [{handle: "c|1"}]
                users:
                  - email: a@example.com
                    pasword: pw
                """)).hasMessageStartingWith(file() + ", line 4: users[0].pasword: unknown key; did you mean 'password'?"
                + " Keys of an entry of users: email, password,");
        assertThatThrownBy(() -> load(SOMEONE + "xyzzy: 1\n"))
                .hasMessage(file() + ", line 3: xyzzy: unknown key. Keys at the top level: server, companies, users,"
                        + " jobs, limits, admin, assets, uploads, publish");
    }

    @Test
    void aKeyInTheWrongSectionIsSentWhereItBelongs() {
        assertThatThrownBy(() -> load(SOMEONE + "server:\n  workers: 4\n"))
                .hasMessageContaining("line 4: server.workers: unknown key; 'workers' is a key of jobs (jobs.workers)");
        assertThatThrownBy(() -> load("port: 8080\n" + SOMEONE))
                .hasMessageContaining("line 1: port: unknown key; 'port' is a key of server (server.port)");
    }

    @Test
    void aValueOfTheWrongKindSaysWhatTheKeyNeeds() {
        assertThatThrownBy(() -> load(SOMEONE + "jobs:\n  pace: 1s\n  workers: four\n"))
                .hasMessage(file() + ", line 5: jobs.workers: needs an integer (a whole number), not 'four'");
        assertThatThrownBy(() -> load(SOMEONE + "jobs:\n  workers: 2.5\n"))
                .hasMessageContaining("line 4: jobs.workers: needs an integer");
        assertThatThrownBy(() -> load(SOMEONE + "jobs:\n  workers: 99999999999\n"))
                .hasMessageContaining("line 4: jobs.workers: needs an integer").hasMessageContaining("too large");
        assertThatThrownBy(() -> load("server: 8080\n" + SOMEONE))
                .hasMessageStartingWith(file() + ", line 1: server: needs a section of keys (host, port,")
                .hasMessageEndingWith(", not '8080'");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|1\"}]\nusers:\n  - bob\n"))
                .hasMessageStartingWith(file() + ", line 3: users[0]: needs a section of keys (email, password,");
        assertThatThrownBy(() -> load("companies: c|1\n" + "users: []\n"))
                .hasMessageStartingWith(file() + ", line 1: companies: needs a list");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|1\"}]\nusers:\n  - email: a@example.com\n"
                + "    password: [secret]\n")).hasMessageContaining("users[0].password: needs a single value (text), not a list");
    }

    @Test
    void yamlMistakesNameTheirLine() {
        assertThatThrownBy(() -> load(SOMEONE + "server:\n  host: a\n   port: 2\n"))
                .hasMessageStartingWith(file() + ", line 5: this is not valid YAML: ");
        assertThatThrownBy(() -> load("server: [oops")).hasMessageStartingWith(file() + ", line 1: server: needs a section");
        assertThatThrownBy(() -> load(SOMEONE + "server:\n  port: 1\n  port: 2\n"))
                .hasMessage(file() + ", line 5: server.port: appears twice in the same section; keep one");
        assertThatThrownBy(() -> load("# nothing yet\n")).hasMessageStartingWith(file() + ": the file is empty");
        assertThatThrownBy(() -> load("~\n")).hasMessageStartingWith(file() + ": the file holds no keys");
    }

    @Test
    void messagesNameNoJavaTypes() {
        for (String yaml : List.of("server: {prot: 1}\n", "jobs: {workers: four}\n", "server: 8080\n", "users: [bob]\n",
                "jobs: {workers: 99999999999}\n", "server: {port: 1, port: 2}\n", "users: x\n", "- a\n", "a: b: c\n",
                "companies: [{handle: [1]}]\n", "admin: {enabled: maybe}\n")) {
            assertThatThrownBy(() -> load(yaml)).as(yaml).isInstanceOf(ConfigException.class)
                    .message().doesNotContain("java.", "org.ipsjobs", "ServiceConfig", "Exception", "`", "class ")
                    .doesNotContainPattern("\\b[A-Z][a-z]+\\$[A-Z]");
        }
    }

    @Test
    void problemsFoundAfterReadingAlsoNameTheirLine() {
        assertThatThrownBy(() -> load("""
                companies: [{handle: "c|1"}]
                users:
                  - email: a@example.com
                    password: pw
                    role: King
                """)).hasMessageStartingWith(file() + ", line 5: users[0].role: 'King' is not an IPS user role");
        assertThatThrownBy(() -> load(SOMEONE + "server:\n  timeZone: Mars/Olympus\n"))
                .hasMessageStartingWith(file() + ", line 4: server.timeZone: 'Mars/Olympus'");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|1\"}]\nusers:\n  - email: a@example.com\n    role: IpsUser\n"))
                .as("a missing key points at its entry").hasMessageStartingWith(file() + ", line 3: users[0].password: is missing");
    }

    @Test
    void aMalformedHashSaysWhatAHashLooksLikeAndHowToMakeOne() {
        String yaml = """
                companies: [{handle: "c|1"}]
                users:
                  - email: a@example.com
                    password: "pbkdf2-sha256:210000:...:..."
                    role: IpsUser
                    companies: ["c|1"]
                """;
        assertThatThrownBy(() -> load(yaml))
                .hasMessageStartingWith(file() + ", line 4: users[0].password: starts like a password hash but is not one:"
                        + " the salt (the third part) is not base64.")
                .hasMessageContaining("pbkdf2-sha256:<iterations>:<salt>:<hash>")
                .hasMessageContaining("hash-password")
                .message().doesNotContain("...:...", "Illegal base64");
    }

    @Test
    void eachLimitBelowItsMinimumIsRefusedNamingBoth() {
        Map<String, String> below = new LinkedHashMap<>();
        below.put("maxRequestBytes: 1023", "limits.maxRequestBytes: must be at least 1KB (1024 bytes), not 1023");
        below.put("maxElementDepth: 7", "limits.maxElementDepth: must be at least 8, not 7");
        below.put("maxChildElements: 15", "limits.maxChildElements: must be at least 16, not 15");
        below.put("maxElementCount: 99", "limits.maxElementCount: must be at least 100, not 99");
        below.put("maxTextLength: 1000", "limits.maxTextLength: must be at least 1024, not 1000");
        below.put("maxAttributeCount: 0", "limits.maxAttributeCount: must be at least 1, not 0");
        below.put("maxAttributeSize: 255", "limits.maxAttributeSize: must be at least 256, not 255");
        below.put("idleTimeout: 500ms", "limits.idleTimeout: must be at least 1s, not 500ms");
        below.put("maxConnections: 15", "limits.maxConnections: must be at least 16, not 15");
        below.put("maxBufferedRequestBytes: 512KB", "limits.maxBufferedRequestBytes: must be at least 1MB (1048576 bytes),"
                + " not 512KB");
        below.put("acceptQueueSize: 0", "limits.acceptQueueSize: must be at least 1, not 0");
        below.forEach((line, message) -> assertThatThrownBy(() -> load(SOMEONE + "limits:\n  " + line + "\n"))
                .hasMessage(file() + ", line 4: " + message));
        assertThatThrownBy(() -> load(SOMEONE + "limits:\n  maxRequestBytes: 99999999999999999999GB\n"))
                .hasMessageContaining("limits.maxRequestBytes: '99999999999999999999GB' is too large");
    }

    @Test
    void aFileWithoutUsersIsRefusedBecauseNobodyCouldLogIn() throws Exception {
        assertThatThrownBy(() -> load("companies: [{handle: \"c|1\"}]\n"))
                .hasMessageStartingWith(file() + ": users: no users are configured, so nobody could log in")
                .hasMessageContaining("users: []");
        assertThat(load("companies: [{handle: \"c|1\"}]\nusers: []\n").users()).as("none on purpose").isEmpty();
        assertThatThrownBy(() -> load("""
                companies: [{handle: "c|1"}]
                users:
                  - {email: a@example.com, password: pw, role: IpsUser, companies: ["c|1"], disabled: true}
                  - {email: b@example.com, password: pw, role: IpsUser}
                """)).hasMessageStartingWith(file() + ", line 2: users: nobody could log in");
        assertThat(load("users: [{email: root@example.com, password: pw, role: IpsAdmin}]\n").users())
                .as("an IpsAdmin needs no company").hasSize(1);
    }

    @Test
    void publicUrlMustBeAnAbsoluteHttpUrl() throws Exception {
        for (String bad : List.of("ips.example.com", "ftp://ips.example.com", "/scene7", "https://", "http://x/?a=b")) {
            assertThatThrownBy(() -> load(SOMEONE + "server:\n  publicUrl: \"" + bad + "\"\n")).as(bad)
                    .hasMessageStartingWith(file() + ", line 4: server.publicUrl: '" + bad + "'");
        }
        assertThat(load(SOMEONE + "server: {publicUrl: \"http://ips.test:8080/base\"}\n").publicUrl())
                .isEqualTo("http://ips.test:8080/base");
    }

    @Test
    void firstRunTakesTheChosenPasswordAsItIs() {
        ServiceSettings.Generated g = ServiceSettings.firstRun("pbkdf2-sha256:not-a-hash");
        assertThat(g.email()).isEqualTo("admin@localhost");
        assertThat(g.settings().users()).singleElement().satisfies(u -> {
            assertThat(u.role()).isEqualTo(Role.IPS_ADMIN);
            assertThat(u.password().matches("pbkdf2-sha256:not-a-hash")).isTrue();
            assertThat(u.password().matches("something else")).isFalse();
            assertThat(u.companies()).containsExactly("c|1");
        });
        assertThatThrownBy(() -> ServiceSettings.firstRun("")).isInstanceOf(ConfigException.class);
    }

    @Test
    void closestKeyIsATypingSlipAway() {
        List<String> server = List.of("host", "port", "name", "timeZone", "publicUrl", "shutdownGrace");
        assertThat(ConfigFile.closest("prot", server)).isEqualTo("port");
        assertThat(ConfigFile.closest("hots", server)).isEqualTo("host");
        assertThat(ConfigFile.closest("timezone", server)).isEqualTo("timeZone");
        assertThat(ConfigFile.closest("publicURL", server)).isEqualTo("publicUrl");
        assertThat(ConfigFile.closest("shutdownGarce", server)).isEqualTo("shutdownGrace");
        assertThat(ConfigFile.closest("workers", server)).isNull();
        assertThat(ConfigFile.closest("x", server)).isNull();
        assertThat(ConfigFile.distance("prot", "port")).isEqualTo(1);
        assertThat(ConfigFile.distance("kitten", "sitting")).isEqualTo(3);
    }

    private String file() {
        return dir.resolve("c.yaml").toString();
    }

    private ServiceSettings load(String yaml) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        return ServiceSettings.load(file);
    }
}
