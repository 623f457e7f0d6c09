package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which job handles the journal notes from an answer. */
class JournalHandlesTest {

    private static List<String> handles(String body) {
        List<String> handles = new ArrayList<>();
        JournalRecorder.addJobHandles(body, handles);
        return handles;
    }

    @Test
    void everyJobHandleElementOnceUnderAnyPrefix() {
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
