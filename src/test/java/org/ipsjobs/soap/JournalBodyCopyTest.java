package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The journal's copy of an answer: every byte up to its limit, in order, whatever the writes' sizes. */
class JournalBodyCopyTest {

    private static String text(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; s.length() < length; i++) {
            s.append(i % 10 == 9 ? 'é' : (char) ('a' + i % 26)); // two bytes in UTF-8 now and then
        }
        return s.substring(0, length);
    }

    private static String copied(byte[] bytes, int limit, int writeSize) {
        JournalRecorder.BodyCopy copy = new JournalRecorder.BodyCopy(limit);
        for (int at = 0; at < bytes.length; at += writeSize) {
            copy.write(bytes, at, Math.min(writeSize, bytes.length - at));
        }
        return copy.text();
    }

    @Test
    void keepsAnAnswerAcrossChunksWrittenInPiecesOfAnySize() {
        byte[] answer = text(90_000).getBytes(StandardCharsets.UTF_8);
        for (int writeSize : new int[] {1, 7, 8192, 16 * 1024, 40_000, answer.length}) {
            assertThat(copied(answer, 1 << 20, writeSize)).as("writes of %d", writeSize)
                    .isEqualTo(new String(answer, StandardCharsets.UTF_8));
        }
        assertThat(copied(new byte[0], 100, 1)).isEmpty();
    }

    @Test
    void stopsAtItsLimit() {
        byte[] answer = "a".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        assertThat(copied(answer, 20_000, 3000)).isEqualTo("a".repeat(20_000));
        assertThat(copied(answer, 16 * 1024, 16 * 1024)).hasSize(16 * 1024);
    }
}
