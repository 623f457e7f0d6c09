package org.ipsjobs.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ipsjobs.server.AdminSettings;
import org.ipsjobs.server.ConfigException;
import org.ipsjobs.server.IpsJobServer;
import org.ipsjobs.testing.AdminHttp;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may call the admin API: a bearer token when one is set, and never an open API beyond loopback. */
class AdminAccessTest {

    private static final String TOKEN = "test-admin-token-1234";
    @RegisterExtension
    static final TestServer server = TestServer.start(s -> s.withAdmin(s.admin().withToken(TOKEN)));
    private final AdminHttp anonymous = AdminHttp.of(server.server.endpoint());

    @Test
    void healthIsOpenTheRestNeedsTheToken() {
        assertThat(anonymous.get("health").status()).isEqualTo(200);

        AdminHttp.Answer refused = anonymous.post("reset", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(refused.json().path("error").asText()).contains("admin.token").doesNotContain(TOKEN);
        assertThat(anonymous.withToken("wrong").get("clock").status()).isEqualTo(401);

        assertThat(anonymous.withToken(TOKEN).get("clock").status()).isEqualTo(200);
    }

    @Test
    void listeningBeyondLoopbackWithoutATokenIsRefusedAtStart() {
        assertThatThrownBy(() -> TestServer.start(s -> s.withHost("0.0.0.0")))
                .hasRootCauseInstanceOf(ConfigException.class)
                .rootCause().hasMessageContaining("admin.token").hasMessageContaining("admin.enabled: false");
    }

    @Test
    void aDisabledAdminApiIsNotThere() {
        try (TestServer off = TestServer.start(s -> s.withAdmin(new AdminSettings(false, null, 0, false)))) {
            assertThat(AdminHttp.of(off.server.endpoint()).get("health").status()).isEqualTo(404);
            assertThat(IpsJobServer.ADMIN_PATH).isEqualTo("/__admin");
        }
    }
}
