package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class InFlightEntryDataTest {

    private static ByteString bytes(int length) {
        return ByteString.copyFrom(new byte[length]);
    }

    @Test
    void shouldServeTheLoggedBytesUntilEveryFollowerHasThem() {
        InFlightEntryData map = new InFlightEntryData(1_000, 16);
        ByteString first = bytes(100);
        ByteString third = bytes(100);
        map.keep(5, first);
        map.keep(7, third);

        assertSame(first, map.get(5));
        assertSame(third, map.get(7));
        assertNull(map.get(6), "an entry without data (metadata) was never kept");

        map.freeUpTo(5);
        assertNull(map.get(5));
        assertSame(third, map.get(7));
        assertEquals(1, map.entries());
        assertEquals(100, map.bytes());

        map.freeUpTo(9);
        assertEquals(0, map.entries());
        assertEquals(0, map.bytes());
    }

    @Test
    void shouldEvictTheOldestWhenTheByteBoundIsReached() {
        InFlightEntryData map = new InFlightEntryData(250, 16);
        for (long index = 1; index <= 5; index++) {
            map.keep(index, bytes(100));
        }

        assertEquals(2, map.entries(), "a follower that never acknowledges cannot hold more than the bound");
        assertEquals(200, map.bytes());
        assertNull(map.get(3));
        assertEquals(100, map.get(4).size());
        assertEquals(100, map.get(5).size());
    }

    @Test
    void shouldEvictTheOldestWhenTheEntryBoundIsReached() {
        InFlightEntryData map = new InFlightEntryData(1L << 30, 3);
        for (long index = 10; index < 20; index++) {
            map.keep(index, bytes(1));
        }

        assertEquals(3, map.entries());
        for (long index = 10; index < 17; index++) {
            assertNull(map.get(index));
        }
        for (long index = 17; index < 20; index++) {
            assertEquals(1, map.get(index).size(), "index " + index);
        }
    }

    @Test
    void shouldKeepNothingLargerThanTheBoundNorAnythingWithAZeroBound() {
        InFlightEntryData small = new InFlightEntryData(50, 16);
        small.keep(1, bytes(10));
        small.keep(2, bytes(51));
        assertNull(small.get(2));
        assertEquals(10, small.get(1).size(), "a too large entry evicts nothing");

        InFlightEntryData none = new InFlightEntryData(0, 16);
        none.keep(1, bytes(1));
        assertEquals(0, none.entries());
    }

    @Test
    void shouldDropTruncatedEntriesAndTakeTheIndexAgain() {
        InFlightEntryData map = new InFlightEntryData(1_000, 4);
        for (long index = 1; index <= 4; index++) {
            map.keep(index, bytes(10));
        }
        map.truncate(3);
        assertEquals(2, map.entries());
        assertNull(map.get(3));

        ByteString again = bytes(20);
        map.keep(3, again);
        assertSame(again, map.get(3));

        ByteString rewritten = bytes(30);
        map.keep(2, rewritten);
        assertSame(rewritten, map.get(2), "a lower index than the newest: the log was cut there");
        assertNull(map.get(3));
        assertEquals(40, map.bytes());
    }

    @Test
    void shouldWrapAroundItsRingAndStillFindEveryEntry() {
        InFlightEntryData map = new InFlightEntryData(1L << 20, 4);
        for (long index = 1; index <= 50; index++) {
            map.keep(index * 2, bytes((int) index));
            if (index % 3 == 0) {
                map.freeUpTo(index * 2 - 4);
            }
        }
        for (long index = 47; index <= 50; index++) {
            assertEquals(index, map.get(index * 2).size());
            assertNull(map.get(index * 2 + 1));
        }
        map.clear();
        assertEquals(0, map.entries());
        assertEquals(0, map.bytes());
    }
}
