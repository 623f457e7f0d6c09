package org.ipsjobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatedRunnerTest {

    @Test
    void acceptsHttpUrlsAssetsAndNamesButNotOtherSchemes() {
        assertThat(SimulatedRunner.problemWith("http://example.com/a.jpg")).isNull();
        assertThat(SimulatedRunner.problemWith("HTTPS://example.com/a.jpg")).isNull();
        assertThat(SimulatedRunner.problemWith("a|47|12")).isNull();
        assertThat(SimulatedRunner.problemWith("item 1")).isNull();
        assertThat(SimulatedRunner.problemWith("ftp://example.com/a.jpg")).contains("http");
        assertThat(SimulatedRunner.problemWith("http:///nohost")).contains("host");
        assertThat(SimulatedRunner.problemWith("http://exa mple.com/")).contains("malformed");
    }
}
