package org.ipsjobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The journal's copy of an answer: every byte up to its limit, in order, whatever the writes' sizes;
 * its text cut after the first characters; and the job handles it names.
 */
class KeptAnswerTest {

    private static String text(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; s.length() < length; i++) {
            s.append(i % 10 == 9 ? 'é' : (char) ('a' + i % 26)); // two bytes in UTF-8 now and then
        }
        return s.substring(0, length);
    }

    private static KeptAnswer kept(byte[] bytes, int limit, int writeSize) {
        KeptAnswer.Copy copy = new KeptAnswer.Copy(limit);
        for (int at = 0; at < bytes.length; at += writeSize) {
            copy.write(bytes, at, Math.min(writeSize, bytes.length - at));
        }
        return copy.keep();
    }

    private static List<String> handles(String body) {
        List<String> handles = new ArrayList<>();
        kept(body.getBytes(StandardCharsets.UTF_8), KeptAnswer.MAX_BYTES, 8192).addJobHandles(handles);
        return handles;
    }

    @Test
    void keepsAnAnswerAcrossChunksWrittenInPiecesOfAnySize() {
        byte[] answer = text(60_000).getBytes(StandardCharsets.UTF_8);
        for (int writeSize : new int[] {1, 7, 8192, 16 * 1024, 40_000, answer.length}) {
            assertThat(kept(answer, 1 << 20, writeSize).text()).as("writes of %d", writeSize)
                    .isEqualTo(new String(answer, StandardCharsets.UTF_8));
        }
        assertThat(kept(new byte[0], 100, 1).text()).isEmpty();
        assertThat(new KeptAnswer.Copy(KeptAnswer.MAX_BYTES).keep().text()).isEmpty();
    }

    @Test
    void stopsAtItsLimitAndShowsTheFirstCharactersWithTheLength() {
        byte[] answer = "a".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        assertThat(kept(answer, 20_000, 3000).text()).isEqualTo("a".repeat(20_000));
        assertThat(kept(answer, 16 * 1024, 16 * 1024).text()).hasSize(16 * 1024);

        String big = text(90_000);
        assertThat(kept(big.getBytes(StandardCharsets.UTF_8), KeptAnswer.MAX_BYTES, 8192).text())
                .isEqualTo(big.substring(0, KeptAnswer.MAX_CHARS) + "... (90000 characters in all)");
    }

    @Test
    void namesEveryJobHandleElementOnceUnderAnyPrefix() {
        assertThat(handles("<submitJobReturn><jobHandle>j|47|a||</jobHandle></submitJobReturn>"))
                .containsExactly("j|47|a||");
        assertThat(handles("<ns2:items><ns2:jobHandle>j|1|x||</ns2:jobHandle></ns2:items>"
                + "<ns2:items><ns2:jobHandle>j|1|y||</ns2:jobHandle><originalJobHandle>j|1|x||</originalJobHandle>"
                + "</ns2:items><jobHandle>j|1|x||</jobHandle>"))
                .containsExactly("j|1|x||", "j|1|y||");
    }

    @Test
    void ignoresEmptyAndOtherElementsAndStopsAtFifty() {
        assertThat(handles("<jobHandle></jobHandle><jobHandle/><myjobHandle>no</myjobHandle>jobHandle>x<")).isEmpty();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            many.append("<jobHandle>j|1|").append(i).append("||</jobHandle>");
        }
        assertThat(handles(many.toString())).hasSize(50).startsWith("j|1|0||");
    }
}
