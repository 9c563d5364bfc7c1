package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which entries the in-process submission hands to Ratis without a copy ({@link RatisReplicator#ownArray}). */
class EntryArrayAdoptionTest {

    private static final byte[] BYTES = "an entry of a send".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldAdoptTheExactArrayOfAnUnpooledHeapBuffer() {
        byte[] array = BYTES.clone();
        ByteBuf entry = Unpooled.wrappedBuffer(array);

        assertSame(array, RatisReplicator.ownArray(entry));
    }

    @Test
    void shouldCopyPooledMemoryWhichThePoolReusesAfterTheRelease() {
        ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(BYTES.length).writeBytes(BYTES);
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(BYTES.length).writeBytes(BYTES);
        try {
            byte[] fromHeap = RatisReplicator.ownArray(heap);
            assertNotSame(heap.array(), fromHeap);
            assertArrayEquals(BYTES, fromHeap);
            assertArrayEquals(BYTES, RatisReplicator.ownArray(direct));
        } finally {
            heap.release();
            direct.release();
        }
    }

    @Test
    void shouldCopyWhenTheBufferCoversPartOfItsArray() {
        byte[] array = BYTES.clone();
        ByteBuf tail = Unpooled.wrappedBuffer(array).skipBytes(3);
        ByteBuf head = Unpooled.wrappedBuffer(array, 0, array.length - 1);
        ByteBuf roomy = Unpooled.wrappedBuffer(new byte[BYTES.length + 8]).clear().writeBytes(BYTES);

        byte[] fromTail = RatisReplicator.ownArray(tail);
        assertNotSame(array, fromTail);
        assertArrayEquals(java.util.Arrays.copyOfRange(BYTES, 3, BYTES.length), fromTail);
        assertArrayEquals(java.util.Arrays.copyOf(BYTES, BYTES.length - 1), RatisReplicator.ownArray(head));
        assertArrayEquals(BYTES, RatisReplicator.ownArray(roomy));
    }
}
