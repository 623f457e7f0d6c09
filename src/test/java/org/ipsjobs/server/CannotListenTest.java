package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.ZoneId;

import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.Test;

/** A port that cannot be opened is one sentence saying why, not Jetty's stack trace. */
class CannotListenTest {

    private static final ServiceSettings SETTINGS = ServiceSettings.firstRun("pw").settings();

    @Test
    void aBusyPortSaysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> start(SETTINGS.withHost("127.0.0.1").withPort(port)))
                    .isInstanceOfSatisfying(CannotListenException.class,
                            e -> assertThat(e.reason()).isEqualTo(CannotListenException.Reason.PORT_IN_USE))
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": port " + port + " is already in use")
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void anAddressOfAnotherMachineSaysSo() {
        // 192.0.2.0/24 is reserved for documentation, so no machine has it
        ServiceSettings elsewhere = SETTINGS.withHost("192.0.2.1").withPort(0)
                .withAdmin(SETTINGS.admin().withToken("token"));
        assertThatThrownBy(() -> start(elsewhere))
                .isInstanceOfSatisfying(CannotListenException.class,
                        e -> assertThat(e.reason()).isEqualTo(CannotListenException.Reason.ADDRESS_NOT_LOCAL))
                .hasMessage("cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine");
    }

    @Test
    void aNameThatDoesNotResolveSaysSo() {
        ServiceSettings unknown = SETTINGS.withHost("no-such-host.invalid").withPort(0)
                .withAdmin(SETTINGS.admin().withToken("token"));
        assertThatThrownBy(() -> start(unknown))
                .isInstanceOfSatisfying(CannotListenException.class,
                        e -> assertThat(e.reason()).isEqualTo(CannotListenException.Reason.UNKNOWN_HOST))
                .hasMessageContaining("'no-such-host.invalid' does not resolve");
    }

    private static void start(ServiceSettings settings) throws Exception {
        IpsJobServer.start(settings, ServiceClock.system(ZoneId.of("UTC"))).close();
    }
}
