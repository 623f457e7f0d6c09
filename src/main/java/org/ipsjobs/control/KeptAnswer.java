package org.ipsjobs.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The first bytes of an answer, as the journal keeps them. They are read as text, and searched for
 * the job handles they name, only when someone looks (the admin API, the dashboard): doing that for
 * every answer as it went out cost a getJobLogs call about a fifth of its CPU.
 *
 * <p>The bytes are never changed, but an answer made by a {@link Pool}'s copy lends its chunks: when
 * the journal lets its entry go it gives them back ({@link #release}), and they carry a later answer.
 * Such an answer is read and released only under the journal's lock, which hands out
 * {@link #detached} answers; reading a released answer throws rather than show another call's bytes.
 */
public final class KeptAnswer {

    /** How much of an answer's text an entry shows; the rest is summed up by its length. */
    public static final int MAX_CHARS = 64 * 1024;
    /** How many bytes are kept: enough for {@link #MAX_CHARS} characters of any UTF-8 text. */
    public static final int MAX_BYTES = MAX_CHARS * 4;
    /** How many job handles an entry names at most. */
    public static final int MAX_HANDLES = 50;

    private List<byte[]> chunks; // null once released
    private final int size;
    private final Pool pool; // where released chunks go, or null

    private KeptAnswer(List<byte[]> chunks, int size, Pool pool) {
        this.chunks = chunks;
        this.size = size;
        this.pool = pool;
    }

    /** The answer's text, cut after {@link #MAX_CHARS} characters with a note of its whole length. */
    public String text() {
        String body = whole();
        return body.length() <= MAX_CHARS ? body
                : body.substring(0, MAX_CHARS) + "... (" + body.length() + " characters in all)";
    }

    /** Adds the job handles the answer names to the list, each once, while it holds fewer than {@link #MAX_HANDLES}. */
    public void addJobHandles(List<String> handles) {
        addJobHandles(whole(), handles);
    }

    /** What was kept, read as UTF-8 (a character cut at the limit becomes U+FFFD). */
    String whole() {
        List<byte[]> kept = chunks();
        if (kept.size() == 1) {
            return new String(kept.get(0), 0, size, StandardCharsets.UTF_8);
        }
        return new String(bytes(kept), StandardCharsets.UTF_8);
    }

    private byte[] bytes(List<byte[]> kept) {
        byte[] all = new byte[size];
        for (int i = 0, at = 0; at < size; i++, at += Copy.CHUNK) {
            System.arraycopy(kept.get(i), 0, all, at, Math.min(Copy.CHUNK, size - at));
        }
        return all;
    }

    private List<byte[]> chunks() {
        List<byte[]> kept = chunks;
        if (kept == null) {
            throw new IllegalStateException("this answer left the journal and its bytes were reused");
        }
        return kept;
    }

    /** The same bytes in arrays of its own, which stay readable whatever happens to this answer. */
    public KeptAnswer detached() {
        return new KeptAnswer(List.of(bytes(chunks())), size, null);
    }

    /**
     * Gives the chunks back to the pool they came from, for later answers; this answer is not to be
     * read afterwards. Nothing happens for an answer that owns its arrays.
     */
    public void release() {
        if (pool == null) {
            return;
        }
        List<byte[]> kept = chunks;
        chunks = null;
        if (kept != null) {
            pool.giveBack(kept);
        }
    }

    /**
     * Adds the contents of the body's jobHandle elements, under any prefix, each once. A plain scan: a
     * regular expression over every answer cost more than the rest of the journal.
     */
    static void addJobHandles(String body, List<String> handles) {
        String tag = "jobHandle>";
        for (int at = body.indexOf(tag); at > 0 && handles.size() < MAX_HANDLES;
                at = body.indexOf(tag, at + tag.length())) {
            int lt = at - 1;
            while (lt >= 0 && body.charAt(lt) != '<' && body.charAt(lt) != '>' && at - lt <= 100) {
                lt--; // back over a namespace prefix
            }
            boolean opening = lt >= 0 && body.charAt(lt) == '<' && body.charAt(lt + 1) != '/'
                    && (lt + 1 == at || body.charAt(at - 1) == ':');
            int start = at + tag.length();
            int end = opening ? body.indexOf('<', start) : -1;
            if (end > start && end - start <= 2000) {
                String handle = body.substring(start, end);
                if (!handles.contains(handle)) {
                    handles.add(handle);
                }
            }
        }
    }

    /**
     * Chunks for answers' copies, reused once their entry leaves the journal. A journal of 1,000
     * entries keeps about the last second of a busy service's answers: fresh arrays for each would
     * live just long enough to be copied by the collector and promoted, then die in the old
     * generation: under a stream of 85 KB answers the heap grew past 2 GB, with young pauses of up
     * to 240 ms (src/bench/results/2026-12-02-journal-chunk-reuse.md). Reused chunks are allocated once and stay put. Holds at most a bounded number of
     * free chunks (the rest are left to the collector, as after clearing a full journal). Thread-safe.
     */
    public static final class Pool {
        private final ArrayBlockingQueue<byte[]> free;

        /** @param maxFree how many free chunks are kept for reuse at most */
        public Pool(int maxFree) {
            this.free = new ArrayBlockingQueue<>(Math.max(1, maxFree));
        }

        /** A copy whose chunks come from this pool and go back to it when its answer is released. */
        public Copy copy() {
            return new Copy(MAX_BYTES, this);
        }

        byte[] take() {
            byte[] chunk = free.poll();
            return chunk != null ? chunk : new byte[Copy.CHUNK];
        }

        void giveBack(List<byte[]> chunks) {
            for (byte[] chunk : chunks) {
                if (chunk.length != Copy.CHUNK || !free.offer(chunk)) {
                    return;
                }
            }
        }

        /** How many free chunks are waiting to be reused. */
        public int freeChunks() {
            return free.size();
        }

        /** Lets every free chunk go, as when the journal stops keeping answers. */
        public void drain() {
            free.clear();
        }
    }

    /**
     * Copies an answer's first {@link #MAX_BYTES} bytes as they are written, in fixed-size chunks: a
     * ByteArrayOutputStream copies all it holds each time it grows, which for an 85 KB answer took
     * about a tenth of the request's CPU. Not thread-safe: one answer is written by one thread.
     */
    public static final class Copy {
        static final int CHUNK = 16 * 1024;
        private final int limit;
        private final Pool pool; // or null: fresh arrays
        private final List<byte[]> chunks = new ArrayList<>(4);
        private int size;

        Copy(int limit) { // fresh arrays: for tests of the copy itself
            this(limit, null);
        }

        private Copy(int limit, Pool pool) {
            this.limit = limit;
            this.pool = pool;
        }

        public void write(byte[] b, int off, int len) {
            int n = Math.min(len, limit - size);
            while (n > 0) {
                int inChunk = size % CHUNK;
                if (inChunk == 0) {
                    chunks.add(pool == null ? new byte[CHUNK] : pool.take());
                }
                int step = Math.min(n, CHUNK - inChunk);
                System.arraycopy(b, off, chunks.get(chunks.size() - 1), inChunk, step);
                off += step;
                n -= step;
                size += step;
            }
        }

        /** What was copied, handed over: the copy is not to be written to afterwards. */
        public KeptAnswer keep() {
            return chunks.isEmpty() ? new KeptAnswer(List.of(new byte[0]), 0, null)
                    : new KeptAnswer(List.copyOf(chunks), size, pool);
        }
    }
}
