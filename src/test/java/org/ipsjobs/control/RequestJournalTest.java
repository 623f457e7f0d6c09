package org.ipsjobs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * The journal's ring of entries, and the chunks its answers lend: entries it lists keep showing their
 * own answer however many calls follow, evicted answers' chunks carry later answers, and no listed
 * entry ever shows another call's bytes, even while calls are recorded from many threads.
 */
class RequestJournalTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    /** An answer naming its call everywhere, long enough to take {@code chunks} chunks. */
    private static String answerText(String call, int chunks) {
        StringBuilder s = new StringBuilder();
        while (s.length() < (chunks - 1) * KeptAnswer.Copy.CHUNK + 100) {
            s.append("<jobHandle>").append(call).append("</jobHandle>");
        }
        return s.toString();
    }

    /** The text's bytes written to the copy in pieces, as a stream writes them, and kept. */
    private static KeptAnswer kept(KeptAnswer.Copy copy, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += 5000) {
            copy.write(bytes, at, Math.min(5000, bytes.length - at));
        }
        return copy.keep();
    }

    private static JournalEntry entry(RequestJournal journal, String call, String answer) {
        return new JournalEntry(0, T0, "SOAP 1.1", null, "getActiveJobs", null, null, List.of(), null, 0, 0,
                Map.of(), call, kept(journal.answerCopy(), answer));
    }

    @Test
    void aListedEntryKeepsItsAnswerAfterTheJournalMovesOnAndReusesItsChunks() {
        RequestJournal journal = new RequestJournal(3, true);
        String first = answerText("first", 3);
        journal.record(entry(journal, "first", first));
        JournalEntry listed = journal.list(null, null, null, null, 10).get(0);

        for (int i = 0; i < 10; i++) {
            journal.record(entry(journal, "later-" + i, answerText("later-" + i, 3)));
        }

        assertThat(listed.responseBody()).isEqualTo(first);
        assertThat(listed.handles()).containsExactly("first");
        assertThat(journal.list(null, null, null, null, 10)).extracting(JournalEntry::requestBody)
                .containsExactly("later-9", "later-8", "later-7");
    }

    @Test
    void aPoolLendsChunksOnceAndTakesThemBackWhenTheAnswerIsReleased() {
        KeptAnswer.Pool pool = new KeptAnswer.Pool(100);
        String text = answerText("a", 3);
        KeptAnswer answer = kept(pool.copy(), text);
        assertThat(pool.freeChunks()).isZero();

        KeptAnswer detached = answer.detached();
        answer.release();
        assertThat(pool.freeChunks()).isEqualTo(3);
        assertThatThrownBy(answer::text).isInstanceOf(IllegalStateException.class);
        assertThat(detached.text()).isEqualTo(text);

        assertThat(kept(pool.copy(), "<short/>").text()).isEqualTo("<short/>");
        assertThat(pool.freeChunks()).isEqualTo(2);
    }

    @Test
    void aPoolKeepsAtMostItsBoundOfFreeChunks() {
        KeptAnswer.Pool pool = new KeptAnswer.Pool(2);
        kept(pool.copy(), answerText("a", 4)).release();
        assertThat(pool.freeChunks()).isEqualTo(2);
    }

    @Test
    void clearingAndResizingLetAnswersGoAndListedOnesStayReadable() {
        RequestJournal journal = new RequestJournal(5, true);
        for (int i = 0; i < 5; i++) {
            journal.record(entry(journal, "call-" + i, answerText("call-" + i, 2)));
        }
        List<JournalEntry> listed = journal.list(null, null, null, null, 5);
        journal.resize(2, true);
        assertThat(journal.size()).isEqualTo(2);
        journal.clear();
        for (int i = 0; i < 5; i++) {
            journal.record(entry(journal, "again-" + i, answerText("again-" + i, 2)));
        }
        for (JournalEntry e : listed) {
            assertThat(e.responseBody()).isEqualTo(answerText(e.requestBody(), 2));
        }
    }

    @Test
    void listedEntriesShowTheirOwnAnswerWhileManyThreadsRecordCalls() throws Exception {
        RequestJournal journal = new RequestJournal(50, true);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(new Thread(() -> {
                for (int i = 0; i < 1500; i++) {
                    String call = "w" + writer + "-" + i;
                    journal.record(entry(journal, call, answerText(call, 1 + i % 4)));
                }
            }));
        }
        Thread reader = new Thread(() -> {
            int checked = 0;
            while (writing.get() || checked == 0) {
                for (JournalEntry e : journal.list(null, null, null, null, 50)) {
                    String call = e.requestBody();
                    int chunks = 1 + Integer.parseInt(call.substring(call.indexOf('-') + 1)) % 4;
                    try {
                        if (!answerText(call, chunks).equals(e.responseBody())) {
                            wrong.add(call);
                        }
                    } catch (RuntimeException unreadable) {
                        wrong.add(call + ": " + unreadable.getMessage());
                    }
                    checked++;
                }
            }
        });
        reader.start();
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join();
        }
        writing.set(false);
        reader.join();

        assertThat(wrong).isEmpty();
        assertThat(journal.size()).isEqualTo(50);
    }
}
