package org.iggyj.kernel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdCacheTest {

    @Test
    void shouldReportDuplicateWhenIdWasAddedBefore() {
        MessageIdCache cache = new MessageIdCache(10, 0);

        assertTrue(cache.addIfAbsent(1, 2, 0));
        assertTrue(cache.addIfAbsent(2, 1, 0));
        assertFalse(cache.addIfAbsent(1, 2, 0));
        assertEquals(2, cache.size());
    }

    @Test
    void shouldAcceptIdsAgainWhenNewestAreForgotten() {
        MessageIdCache cache = new MessageIdCache(10, 0);
        for (long id = 1; id <= 5; id++) {
            assertTrue(cache.addIfAbsent(id, 0, 0));
        }

        cache.forgetNewest(2);

        assertEquals(3, cache.size());
        assertFalse(cache.addIfAbsent(3, 0, 0), "older ids stay remembered");
        assertTrue(cache.addIfAbsent(4, 0, 0), "a batch that was not stored can be sent again");
        assertTrue(cache.addIfAbsent(5, 0, 0));
        cache.forgetNewest(100);
        assertEquals(0, cache.size());
    }

    @Test
    void shouldForgetOldestIdWhenCapIsReached() {
        MessageIdCache cache = new MessageIdCache(3, 0);
        for (long id = 1; id <= 4; id++) {
            assertTrue(cache.addIfAbsent(id, 0, 0));
        }

        assertEquals(3, cache.size());
        assertTrue(cache.addIfAbsent(1, 0, 0), "id 1 was evicted by id 4");
        assertFalse(cache.addIfAbsent(4, 0, 0));
    }

    @Test
    void shouldForgetIdWhenItsTtlHasPassed() {
        MessageIdCache cache = new MessageIdCache(0, 100);
        cache.addIfAbsent(7, 7, 1_000);

        assertFalse(cache.addIfAbsent(7, 7, 1_099));
        assertTrue(cache.addIfAbsent(7, 7, 1_100));
    }

    @Test
    void shouldGrowWithoutLosingIdsWhenUncapped() {
        MessageIdCache cache = new MessageIdCache(0, 0);
        for (long id = 1; id <= 10_000; id++) {
            assertTrue(cache.addIfAbsent(id, ~id, 0));
        }

        for (long id = 1; id <= 10_000; id++) {
            assertFalse(cache.addIfAbsent(id, ~id, 0), "id " + id);
        }
        assertEquals(10_000, cache.size());
    }

    @Test
    void shouldAgreeWithReferenceModelUnderRandomAddsAndEvictions() {
        // Small key space and a cap force many probe collisions and backward-shift deletions.
        int cap = 50;
        MessageIdCache cache = new MessageIdCache(cap, 0);
        Set<List<Long>> model = new HashSet<>();
        ArrayDeque<List<Long>> order = new ArrayDeque<>();
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long low = random.nextInt(120);
            long high = random.nextInt(2);
            List<Long> key = List.of(low, high);
            boolean expectedNew = !model.contains(key);
            assertEquals(expectedNew, cache.addIfAbsent(low, high, i), "step " + i);
            if (expectedNew) {
                if (model.size() == cap) {
                    model.remove(order.removeFirst());
                }
                model.add(key);
                order.addLast(key);
            }
        }
        assertEquals(model.size(), cache.size());
    }
}
