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

    @Test
    void randomBytesInRandomWritesComeOutAsAByteByByteFilterWouldWriteThem() throws IOException {
        java.util.Random random = new java.util.Random(14);
        byte[] alphabet = {'a', '<', '\t', '\n', '\r', 0x00, 0x1F, 0x20, (byte) 0xEF, (byte) 0xBF, (byte) 0xBE,
            (byte) 0xBD, (byte) 0xC3, (byte) 0xA9, (byte) 0x80, (byte) 0xFF};
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(200)];
            boolean plain = random.nextBoolean(); // mostly plain text, as answers are, with a rare odd byte
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = plain && random.nextInt(50) != 0 ? (byte) ('a' + random.nextInt(26))
                        : alphabet[random.nextInt(alphabet.length)];
            }
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (Xml10OutputInterceptor.Xml10OutputStream out = new Xml10OutputInterceptor.Xml10OutputStream(sink)) {
                for (int at = 0; at < bytes.length;) {
                    int n = Math.min(bytes.length - at, 1 + random.nextInt(40));
                    out.write(bytes, at, n);
                    at += n;
                }
            }
            assertThat(sink.toByteArray()).as("round %d", round).isEqualTo(byteByByte(bytes));
        }
    }

    @Test
    void elementsKeptFilteredAndWrittenAsTheyAreComeOutAsIfFilteredTogether() throws IOException {
        // how the answer cache uses the filter: each element filtered once when kept, later written unscanned
        java.util.Random random = new java.util.Random(15);
        String[] texts = {"plain", "bell\u0007", "\uFFFE\uFFFF", "caf\u00e9", "\uFFFD", "\u0000\u001F", "\uFFEF"};
        for (int round = 0; round < 500; round++) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            ByteArrayOutputStream parts = new ByteArrayOutputStream();
            try (Xml10OutputInterceptor.Xml10OutputStream out = new Xml10OutputInterceptor.Xml10OutputStream(parts)) {
                for (int e = random.nextInt(5); e >= 0; e--) {
                    byte[] element = ("<items>" + texts[random.nextInt(texts.length)] + "</items>")
                            .getBytes(StandardCharsets.UTF_8);
                    whole.writeBytes(element);
                    byte[] kept = Xml10OutputInterceptor.Xml10OutputStream.filtered(element);
                    assertThat(Xml10OutputInterceptor.Xml10OutputStream.filtered(kept)).isEqualTo(kept);
                    out.writeFiltered(kept);
                }
            }
            assertThat(parts.toByteArray()).as("round %d", round).isEqualTo(byteByByte(whole.toByteArray()));
        }
    }

    @Test
    void keptBytesAfterAHeldSequenceAreStillChecked() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (Xml10OutputInterceptor.Xml10OutputStream out = new Xml10OutputInterceptor.Xml10OutputStream(sink)) {
            out.write(new byte[] {'x', (byte) 0xEF, (byte) 0xBF}, 0, 3);
            out.writeFiltered(new byte[] {(byte) 0xBF, 'y'});
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("x\uFFFDy");
    }

    /** The filter's rule, one byte at a time over the whole text. */
    private static byte[] byteByByte(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
            } else if (b == 0xEF && i + 2 < in.length && (in[i + 1] & 0xFF) == 0xBF
                    && ((in[i + 2] & 0xFF) == 0xBE || (in[i + 2] & 0xFF) == 0xBF)) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
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
