package org.ipsjobs.run;

import java.time.Duration;

/**
 * What one fetch may cost.
 *
 * @param connectTimeout longest wait for a connection
 * @param readTimeout longest wait for the answer's headers, and longest silence while its body arrives
 * @param maxBytes largest file accepted
 * @param maxRedirects most redirects followed
 */
public record FetchLimits(Duration connectTimeout, Duration readTimeout, long maxBytes, int maxRedirects) {

    public static FetchLimits defaults() {
        return new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 2L * 1024 * 1024 * 1024, 5);
    }
}
