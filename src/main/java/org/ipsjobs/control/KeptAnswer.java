package org.ipsjobs.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The first bytes of an answer, as the journal keeps them. They are read as text, and searched for
 * the job handles they name, only when someone looks (the admin API, the dashboard): doing that for
 * every answer as it went out cost a getJobLogs call about a fifth of its CPU. Immutable once made.
 */
public final class KeptAnswer {

    /** How much of an answer's text an entry shows; the rest is summed up by its length. */
    public static final int MAX_CHARS = 64 * 1024;
    /** How many bytes are kept: enough for {@link #MAX_CHARS} characters of any UTF-8 text. */
    public static final int MAX_BYTES = MAX_CHARS * 4;
    /** How many job handles an entry names at most. */
    public static final int MAX_HANDLES = 50;

    private final List<byte[]> chunks;
    private final int size;

    private KeptAnswer(List<byte[]> chunks, int size) {
        this.chunks = chunks;
        this.size = size;
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
        if (chunks.size() == 1) {
            return new String(chunks.get(0), 0, size, StandardCharsets.UTF_8);
        }
        byte[] all = new byte[size];
        for (int i = 0, at = 0; at < size; i++, at += Copy.CHUNK) {
            System.arraycopy(chunks.get(i), 0, all, at, Math.min(Copy.CHUNK, size - at));
        }
        return new String(all, StandardCharsets.UTF_8);
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
     * Copies an answer's first {@link #MAX_BYTES} bytes as they are written, in fixed-size chunks: a
     * ByteArrayOutputStream copies all it holds each time it grows, which for an 85 KB answer took
     * about a tenth of the request's CPU. Not thread-safe: one answer is written by one thread.
     */
    public static final class Copy {
        static final int CHUNK = 16 * 1024;
        private final int limit;
        private final List<byte[]> chunks = new ArrayList<>(4);
        private int size;

        public Copy() {
            this(MAX_BYTES);
        }

        Copy(int limit) {
            this.limit = limit;
        }

        public void write(byte[] b, int off, int len) {
            int n = Math.min(len, limit - size);
            while (n > 0) {
                int inChunk = size % CHUNK;
                if (inChunk == 0) {
                    chunks.add(new byte[CHUNK]);
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
            return new KeptAnswer(chunks.isEmpty() ? List.of(new byte[0]) : List.copyOf(chunks), size);
        }
    }
}
