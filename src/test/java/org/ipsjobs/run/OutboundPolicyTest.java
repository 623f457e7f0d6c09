package org.ipsjobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Uploads reach ordinary hosts, never the metadata endpoints of the machine the service runs on. */
class OutboundPolicyTest {

    @Test
    void byDefaultLoopbackAndOrdinaryAddressesAreAllowedAndLinkLocalIsNot() throws Exception {
        OutboundPolicy policy = OutboundPolicy.defaults();
        assertThat(policy.refusal("127.0.0.1")).isNull();
        assertThat(policy.refusal("10.1.2.3")).isNull();
        assertThat(policy.refusal("169.254.169.254")).contains("169.254.0.0/16");
        assertThat(policy.refusal("[fe80::1]")).contains("fe80::/10");
        assertThat(policy.refusal("metadata.google.internal")).contains("deny list");
    }

    @Test
    void anAllowListAdmitsOnlyWhatItNames() throws Exception {
        OutboundPolicy policy = OutboundPolicy.of(List.of("10.0.0.0/8"), List.of("10.9.0.0/16"));
        assertThat(policy.refusal("10.1.2.3")).isNull();
        assertThat(policy.refusal("10.9.1.1")).contains("deny list");
        assertThat(policy.refusal("127.0.0.1")).contains("not on the allow list");
    }

    @Test
    void aRuleThatIsNoneIsRefusedWithItsText() {
        assertThatThrownBy(() -> OutboundPolicy.of(List.of("10.0.0.0/33"), List.of()))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> OutboundPolicy.of(List.of(), List.of("not a host!")))
                .hasMessageContaining("not a host!");
    }
}
