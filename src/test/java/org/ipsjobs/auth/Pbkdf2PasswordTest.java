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

    @Test
    void aMalformedHashSaysWhichPartIsWrongWithoutRepeatingIt() {
        String hash = Pbkdf2Password.hash("pw".toCharArray(), new SecureRandom());
        String[] parts = hash.split(":");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256:210000:...:..."))
                .hasMessage("the salt (the third part) is not base64");
        assertThatThrownBy(() -> Pbkdf2Password.parse(parts[0] + ":" + parts[1] + ":" + parts[2] + ":not*base64"))
                .hasMessage("the hash value (the fourth part) is not base64");
        assertThatThrownBy(() -> Pbkdf2Password.parse(parts[0] + ":" + parts[1] + ":" + parts[2] + ":aGFzaA=="))
                .hasMessage("the hash value (the fourth part) is 4 bytes long, not 32");
        assertThatThrownBy(() -> Pbkdf2Password.parse(parts[0] + ":" + parts[1] + "::" + parts[3]))
                .hasMessage("the salt (the third part) is empty");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256:many:" + parts[2] + ":" + parts[3]))
                .hasMessage("the iteration count (the second part) is not a number");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256:210000:" + parts[2]))
                .hasMessage("a pbkdf2-sha256 hash has 4 parts separated by ':', this one 3");
        assertThat(Pbkdf2Password.parse(hash).matches("pw")).isTrue();
    }
}
