package org.ipsjobs.jobs.model;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One kept copy of equal immutable values, so that a million stored records repeating a value refer
 * to one object. Bounded: once it holds its maximum, later values are returned as given, so clients
 * sending endless new values cannot grow it.
 *
 * @param <T> an immutable type with value equality
 */
final class SharedPool<T> {

    private final int max;
    private final ConcurrentMap<T, T> kept = new ConcurrentHashMap<>();

    SharedPool(int max) {
        this.max = max;
    }

    /** The kept value equal to this one: the first one seen, or this one when the pool is full. */
    T share(T value) {
        T shared = kept.get(value);
        if (shared != null) {
            return shared;
        }
        if (kept.size() >= max) {
            return value;
        }
        shared = kept.putIfAbsent(value, value);
        return shared != null ? shared : value;
    }
}
