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

    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>(); // guarded by this
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

    /** Adds an entry (its id is assigned here) and returns it as kept. */
    public synchronized JournalEntry record(JournalEntry entry) {
        if (capacity == 0) {
            return entry;
        }
        JournalEntry kept = entry.withId(nextId++);
        entries.addLast(kept);
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
        return kept;
    }

    /**
     * The entries that pass the filter, newest first.
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
                out.add(e);
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
        entries.clear();
    }

    /** Changes how many entries are kept, dropping the oldest if there are more. */
    public synchronized void resize(int newCapacity, boolean bodies) {
        if (newCapacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        capacity = newCapacity;
        keepBodies = bodies;
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    /** The body with the contents of password and token elements replaced by {@value #REDACTED}. */
    public static String redact(String body) {
        return SecretRedactor.redact(body, REDACTED);
    }
}
