package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;

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

    @Test
    void defaultsForAnEmptySection() throws Exception {
        ServiceSettings s = load("companies: []\n");
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.jobs().doneLinger()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesMistakesWithMessagesThatSayWhere() {
        assertThatThrownBy(() -> load("server: {prot: 1}\n")).isInstanceOf(ConfigException.class).hasMessageContaining("prot");
        assertThatThrownBy(() -> load("users: [{email: a@b.c, password: x, role: King}]\n"))
                .hasMessageContaining("King");
        assertThatThrownBy(() -> load("users: [{email: a@b.c, password: x, role: IpsUser, companies: [\"7\"]}]\n"))
                .hasMessageContaining("company '7'");
        assertThatThrownBy(() -> load("companies: [{handle: \"1\"}, {handle: \"1\"}]\n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|8676\"}, {handle: \"8676\"}]\n"))
                .hasMessageContaining("'c|8676' and '8676'").hasMessageContaining("company id '8676'");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|86|76\"}]\n")).hasMessageContaining("c|86|76");
        assertThatThrownBy(() -> load("companies: [{handle: \"c|\"}]\n")).hasMessageContaining("'c|'");
        assertThatThrownBy(() -> load("jobs: {pace: soon}\n")).hasMessageContaining("jobs.pace");
        assertThatThrownBy(() -> load("jobs: {workers: 0}\n")).hasMessageContaining("jobs.workers");
        assertThatThrownBy(() -> load("server: {timeZone: Mars/Olympus}\n")).hasMessageContaining("Mars/Olympus");
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

    private ServiceSettings load(String yaml) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        return ServiceSettings.load(file);
    }
}
