package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The answer cache's promises: one mapping per record (by identity), and a fixed bound on what it keeps. */
class AnswerCacheTest {

    private record Run(String handle) {
    }

    @Test
    void aRecordIsMappedOnceAndAnEqualButDifferentRecordAgain() {
        AnswerCache cache = AnswerCache.of(1024 * 1024);
        AtomicInteger mappings = new AtomicInteger();
        Run run = new Run("j|1");

        StringBuilder first = cache.item(run, r -> { mappings.incrementAndGet(); return new StringBuilder(r.handle()); });
        StringBuilder again = cache.item(run, r -> { mappings.incrementAndGet(); return new StringBuilder(r.handle()); });
        StringBuilder replaced = cache.item(new Run("j|1"),
                r -> { mappings.incrementAndGet(); return new StringBuilder(r.handle()); });

        assertThat(again).isSameAs(first);
        assertThat(replaced).isNotSameAs(first); // a store's next version of a record is a new key
        assertThat(mappings).hasValue(2);
    }

    @Test
    void switchedOffItMapsEveryTimeAndKeepsNothing() {
        AnswerCache cache = AnswerCache.of(0);
        Run run = new Run("j|1");
        assertThat(cache.enabled()).isFalse();
        StringBuilder one = cache.item(run, r -> new StringBuilder());
        StringBuilder two = cache.item(run, r -> new StringBuilder());
        assertThat(one).isNotSameAs(two);
    }

    @Test
    void eachWayOfWritingKeepsItsOwnBytesOfAnItem() {
        AnswerCache cache = AnswerCache.of(1024 * 1024);
        Object item = new Object();
        cache.written("2022-11-01-beta").keep(item, new byte[] {1});
        cache.written("2010-01-31/stax").keep(item, new byte[] {2, 2});

        assertThat(cache.written("2022-11-01-beta").item(item)).containsExactly(1);
        assertThat(cache.written("2010-01-31/stax").item(item)).containsExactly(2, 2);
        assertThat(cache.written("2008-01-15/stax").item(item)).isNull();
    }

    @Test
    void writtenItemsStayWithinTheBudgetHoweverManyAreKept() {
        AnswerCache cache = AnswerCache.of(64 * 1024);
        AnswerCache.Written written = cache.written("2022-11-01-beta");
        List<Object> items = new ArrayList<>(); // held, so only the bound can drop them
        for (int i = 0; i < 1000; i++) {
            Object item = new Object();
            items.add(item);
            written.keep(item, new byte[1024]);
        }

        long kept = items.stream().filter(item -> written.item(item) != null).count();
        assertThat(kept).isPositive().isLessThanOrEqualTo(64);
    }
}
