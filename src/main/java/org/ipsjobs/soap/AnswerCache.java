package org.ipsjobs.soap;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What makes a repeated getActiveJobs or getJobLogs answer cheap: each of their items is a pure
 * function of one immutable domain record, so the item is mapped once per record and written once per
 * API version, and later answers copy the written bytes (see {@link CachedItemsOutInterceptor}).
 *
 * <p>Both caches hold their keys weakly and compare them by identity: a record the store replaced
 * (a running job's next progress) or dropped is simply never asked for again and goes with the next
 * collection; a new record is a new key, so nothing written can go stale. Both are bounded, the written
 * items by their bytes (all versions together), the mapped items by their number (about as much heap
 * again), so the cache costs a fixed amount of heap however many jobs the store holds.
 */
final class AnswerCache {

    /** About what one mapped item with its dates and task arrays costs; sizes the mapping cache. */
    private static final int BYTES_PER_MAPPED_ITEM = 4096;
    /** What an entry costs besides its bytes: the arrays and the cache's own node. */
    private static final int ENTRY_OVERHEAD = 96;

    private final Cache<Object, Object> mapped;
    /** A wire item's bytes, one array element per way of writing it (see {@link #written}). */
    private final Cache<Object, byte[][]> bytes;
    private final ConcurrentMap<String, Written> written = new ConcurrentHashMap<>();
    private final AtomicInteger paths = new AtomicInteger();

    private AnswerCache(long maxBytes) {
        if (maxBytes <= 0) {
            mapped = null;
            bytes = null;
            return;
        }
        mapped = Caffeine.newBuilder().weakKeys().maximumSize(Math.max(64, maxBytes / BYTES_PER_MAPPED_ITEM))
                .executor(Runnable::run).build();
        bytes = Caffeine.newBuilder().weakKeys().maximumWeight(maxBytes).weigher(AnswerCache::weight)
                .executor(Runnable::run).build();
    }

    /** @param maxBytes how much written item bytes to keep, all API versions together; 0 or less: none */
    static AnswerCache of(long maxBytes) {
        return new AnswerCache(maxBytes);
    }

    boolean enabled() {
        return mapped != null;
    }

    /**
     * The wire item for a record: the one mapped before for this very record, else {@code mapping}'s.
     * The item returned may be shared with other answers, so nobody may change it.
     */
    @SuppressWarnings("unchecked")
    <R, W> W item(R record, Function<? super R, ? extends W> mapping) {
        if (mapped == null) {
            return mapping.apply(record);
        }
        return (W) mapped.get(record, r -> mapping.apply((R) r));
    }

    /**
     * One way of writing answers: an API version on one of CXF's two output paths. There are a few
     * dozen at most (the versions in the contract, twice).
     */
    Written written(String path) {
        Written w = written.get(path);
        return w != null ? w : written.computeIfAbsent(path, p -> new Written(this, paths.getAndIncrement()));
    }

    private static int weight(Object item, byte[][] written) {
        int weight = ENTRY_OVERHEAD;
        for (byte[] b : written) {
            weight += b == null ? 8 : b.length + 24;
        }
        return weight;
    }

    /** The bytes of items as one way of writing writes them, and the bytes around them per answer type. */
    static final class Written {
        private final AnswerCache cache;
        private final int index;
        private final ConcurrentMap<Class<?>, Shell> shells = new ConcurrentHashMap<>();

        private Written(AnswerCache cache, int index) {
            this.cache = cache;
            this.index = index;
        }

        byte[] item(Object item) {
            byte[][] all = cache.bytes.getIfPresent(item);
            return all == null || all.length <= index ? null : all[index];
        }

        void keep(Object item, byte[] itemBytes) {
            // computed so the entry is weighed again with the new bytes in it
            cache.bytes.asMap().compute(item, (k, old) -> {
                byte[][] all = old == null ? new byte[index + 1][]
                        : old.length > index ? old.clone() : Arrays.copyOf(old, index + 1);
                all[index] = itemBytes;
                return all;
            });
        }

        Shell shell(Class<?> answerType) {
            return shells.get(answerType);
        }

        void keep(Class<?> answerType, Shell shell) {
            shells.putIfAbsent(answerType, shell);
        }
    }

    /**
     * What an answer of one type writes before its first item and after its last; {@link #NONE} when
     * that could not be told apart, and answers of the type are written the ordinary way.
     */
    record Shell(byte[] before, byte[] after) {
        static final Shell NONE = new Shell(new byte[0], new byte[0]);
    }
}
