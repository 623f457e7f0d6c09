package org.ipsjobs.control;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last requests the service answered, newest last, in a ring of fixed size: when it is full the
 * oldest entry goes. Tests read it to verify what their code sent. Thread-safe.
 */
public final class RequestJournal {

    public static final String REDACTED = "***";

    /**
     * Free answer chunks kept for reuse at most (16 MB). An eviction's chunks are taken again by the
     * next answers at once, so the pool stays small while calls come; the bound matters when many
     * entries go together (clearing a full journal) and no answers follow to take their chunks.
     */
    static final int MAX_FREE_CHUNKS = 1024;

    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>(); // guarded by this
    private final KeptAnswer.Pool answerChunks = new KeptAnswer.Pool(MAX_FREE_CHUNKS);
    private volatile int capacity;
    private volatile boolean keepBodies;
    private long nextId = 1; // guarded by this

    /**
     * @param capacity how many entries are kept; 0 keeps none
     * @param keepBodies whether request and response bodies are kept (they cost memory and time)
     */
    public RequestJournal(int capacity, boolean keepBodies) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.keepBodies = keepBodies;
    }

    public boolean enabled() {
        return capacity > 0;
    }

    public boolean keepsBodies() {
        return keepBodies && capacity > 0;
    }

    /**
     * A copy for an answer being written, whose chunks this journal reuses once the entry that keeps
     * the answer is let go.
     */
    public KeptAnswer.Copy answerCopy() {
        return answerChunks.copy();
    }

    /**
     * Adds an entry (its id is assigned here). Its answer belongs to the journal from now on: it is
     * read only through {@link #list}, which hands out detached copies, because its chunks are reused
     * once the entry is let go.
     */
    public synchronized void record(JournalEntry entry) {
        if (capacity == 0) {
            release(entry);
            return;
        }
        entries.addLast(entry.withId(nextId++));
        dropOldest(capacity);
    }

    private void dropOldest(int keep) { // guarded by this
        while (entries.size() > keep) {
            release(entries.removeFirst());
        }
    }

    private static void release(JournalEntry entry) {
        if (entry.answer() != null) {
            entry.answer().release();
        }
    }

    /**
     * The entries that pass the filter, newest first, each with its answer detached from the
     * journal's reused chunks, so it stays readable however many calls follow.
     *
     * @param operation only this operation, or null
     * @param company only requests naming this company, or null
     * @param faulted only faulted (true) or answered (false) requests, or null for both
     * @param since only requests that arrived at or after this instant, or null
     * @param limit at most this many
     */
    public synchronized List<JournalEntry> list(String operation, String company, Boolean faulted, Instant since,
            int limit) {
        List<JournalEntry> out = new ArrayList<>();
        Iterator<JournalEntry> newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext() && out.size() < limit) {
            JournalEntry e = newestFirst.next();
            if ((operation == null || operation.equals(e.operation())) && (company == null || company.equals(e.company()))
                    && (faulted == null || faulted == e.faulted()) && (since == null || !e.time().isBefore(since))) {
                out.add(e.answer() == null ? e : e.withAnswer(e.answer().detached()));
            }
        }
        return out;
    }

    /**
     * How many entries match: the operation, a string the request body contains, and a request
     * header with a value (compared without case for the name); each null matches anything.
     */
    public synchronized int count(String operation, String bodyContains, String headerName, String headerValue) {
        int n = 0;
        for (JournalEntry e : entries) {
            if ((operation == null || operation.equals(e.operation()))
                    && (bodyContains == null || (e.requestBody() != null && e.requestBody().contains(bodyContains)))
                    && (headerName == null || hasHeader(e.headers(), headerName, headerValue))) {
                n++;
            }
        }
        return n;
    }

    private static boolean hasHeader(Map<String, String> headers, String name, String value) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return value == null || value.equals(h.getValue());
            }
        }
        return false;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        dropOldest(0);
    }

    /** Changes how many entries are kept, dropping the oldest if there are more. */
    public synchronized void resize(int newCapacity, boolean bodies) {
        if (newCapacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        capacity = newCapacity;
        keepBodies = bodies;
        dropOldest(capacity);
        if (!keepsBodies()) {
            answerChunks.drain();
        }
    }

    /** The body with the contents of password and token elements replaced by {@value #REDACTED}. */
    public static String redact(String body) {
        return SecretRedactor.redact(body, REDACTED);
    }
}
