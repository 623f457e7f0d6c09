package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Xml10OutputStreamTest {

    @Test
    void charactersXml10ForbidsBecomeTheReplacementCharacter() throws IOException {
        assertThat(filter("a\u001Bb\u0000c\tok\r\n")).isEqualTo("a\uFFFDb\uFFFDc\tok\r\n");
        assertThat(filter("x\uFFFEy\uFFFFz")).isEqualTo("x\uFFFDy\uFFFDz");
    }

    @Test
    void everythingElsePassesUnchanged() throws IOException {
        String text = "<a>caf\u00e9 \u20ac \uFFFD \uFF21 \uD83D\uDE00 \uE000</a>";
        assertThat(filter(text)).isEqualTo(text);
    }

    @Test
    void aSequenceSplitAcrossWritesIsStillCaught() throws IOException {
        byte[] bytes = "x\uFFFFy\uFFEFz".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (Xml10OutputInterceptor.Xml10OutputStream out = new Xml10OutputInterceptor.Xml10OutputStream(sink)) {
            for (byte b : bytes) {
                out.write(new byte[] {b}, 0, 1);
            }
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("x\uFFFDy\uFFEFz");
    }

    private static String filter(String text) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (Xml10OutputInterceptor.Xml10OutputStream out = new Xml10OutputInterceptor.Xml10OutputStream(sink)) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
        return sink.toString(StandardCharsets.UTF_8);
    }
}
