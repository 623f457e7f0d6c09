package org.ipsjobs.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class Pbkdf2PasswordTest {

    @Test
    void aHashMatchesOnlyItsPasswordAndIsSaltedEachTime() {
        String first = Pbkdf2Password.hash("s3cret".toCharArray(), new SecureRandom());
        String second = Pbkdf2Password.hash("s3cret".toCharArray(), new SecureRandom());
        assertThat(first).startsWith("pbkdf2-sha256:210000:").isNotEqualTo(second);

        StoredPassword stored = StoredPassword.fromConfig(first);
        assertThat(stored.isHashed()).isTrue();
        assertThat(stored.matches("s3cret")).isTrue();
        assertThat(stored.matches("s3cret")).as("again, from the remembered digest").isTrue();
        assertThat(stored.matches("S3cret")).isFalse();
        assertThat(stored.matches(null)).isFalse();
    }

    @Test
    void plainTextStillWorksAndMalformedHashesAreRefused() {
        assertThat(StoredPassword.fromConfig("plain").isHashed()).isFalse();
        assertThat(StoredPassword.fromConfig("plain").matches("plain")).isTrue();
        assertThatThrownBy(() -> StoredPassword.fromConfig("pbkdf2-sha256:abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredPassword.fromConfig("pbkdf2-sha256:10:c2FsdA==:aGFzaA=="))
                .hasMessageContaining("iterations");
    }
}
