package org.ipsjobs.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTextTest {

    @Test
    void acceptsWhatXml10CanCarry() {
        assertThat(ApiText.isCarriable("tab\tline\nreturn\r caf\u00e9 \uD83D\uDE00 \uFFFD \u0085")).isTrue();
        assertThat(ApiText.isCarriable(null)).isTrue();
    }

    @Test
    void findsControlCharactersNonCharactersAndLoneSurrogates() {
        assertThat(ApiText.firstForbidden("ok\u001B")).isEqualTo(2);
        assertThat(ApiText.firstForbidden("\u0000")).isZero();
        assertThat(ApiText.firstForbidden("a\uFFFE")).isEqualTo(1);
        assertThat(ApiText.firstForbidden("a\uD800b")).isEqualTo(1);
        assertThat(ApiText.firstForbidden("a\uDC00")).isEqualTo(1);
        assertThat(ApiText.describeForbidden("ab\u0007")).isEqualTo("U+0007 at position 3");
    }

    @Test
    void cleansByReplacingOnlyTheForbidden() {
        assertThat(ApiText.cleaned("a\u001Bb\uD800c\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
        String clean = "nothing to do";
        assertThat(ApiText.cleaned(clean)).isSameAs(clean);
    }
}
