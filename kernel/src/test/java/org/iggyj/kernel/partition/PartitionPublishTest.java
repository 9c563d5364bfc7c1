package org.iggyj.kernel.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.storage.MessageFrame;
import org.iggyj.kernel.storage.ReadResult;
import org.iggyj.kernel.storage.StorageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A partition written ahead of what it serves (docs/cluster.md, "Message bytes and the Raft log"):
 * polls, offsets, stats and long polls see only what {@link WriteAhead#publishUpTo} published; an
 * unpublished tail is dropped by {@link WriteAhead#truncateUnpublished} and the next append is stamped as
 * if it had never been written; the last timestamp survives a restart.
 */
class PartitionPublishTest {

    @RegisterExtension
    final OwnedPartition owned = new OwnedPartition(new StorageConfig(1 << 20, false, false),
        DeduplicationConfig.DISABLED);

    /** Appends {@code count} 4-byte messages stamped {@code nowUs}. */
    private void append(int count, long nowUs) {
        ByteBuf batch = OwnedPartition.batchOf(count);
        CompletableFuture<Void> ack = new CompletableFuture<>();
        owned.onOwner(() -> owned.partition().append(batch, count, nowUs, ack));
        batch.release();
        ack.join();
    }

    /** Timestamps of the messages a poll from offset 0 returns. */
    private long[] polled() {
        return owned.onOwner(() -> {
            ReadResult read = owned.partition().reader().read(0, 100, UnpooledByteBufAllocator.DEFAULT);
            ByteBuf data = read.data();
            try {
                long[] stamps = new long[read.count()];
                int at = data.readerIndex();
                for (int i = 0; i < stamps.length; i++) {
                    assertEquals(i, data.getLongLE(at + MessageFrame.OFFSET_OFFSET));
                    stamps[i] = data.getLongLE(at + MessageFrame.TIMESTAMP_OFFSET);
                    at += (int) MessageFrame.length(data, at);
                }
                return stamps;
            } finally {
                data.release();
            }
        });
    }

    @Test
    void shouldServeAndWakeLongPollsOnlyForPublishedMessages() throws Exception {
        owned.onOwner(() -> owned.partition().writeAhead().publishUpTo(0));
        CompletableFuture<Long> longPoll = new CompletableFuture<>();
        owned.onOwner(() -> owned.partition().waiters().await(0, 0, 60_000, longPoll));

        append(3, 100);

        assertArrayEquals(new long[0], polled());
        assertTrue(owned.onOwner(() -> owned.partition().reader().isEmpty()));
        assertEquals(0, owned.partition().stats().messages());
        assertEquals(3, owned.onOwner(() -> owned.partition().nextOffset()), "written");
        assertFalse(longPoll.isDone(), "nothing published yet");

        owned.onOwner(() -> owned.partition().writeAhead().publishUpTo(2));

        assertEquals(2L, longPoll.get(10, TimeUnit.SECONDS));
        assertArrayEquals(new long[] {100, 100}, polled());
        assertEquals(1, owned.onOwner(() -> owned.partition().reader().currentOffset()));
        assertEquals(1, owned.partition().stats().currentOffset());
        assertEquals(2, owned.partition().stats().messages());
    }

    @Test
    void shouldDropAnUnpublishedTailAndStampTheNextAppendAsIfItNeverWasWritten() {
        owned.onOwner(() -> owned.partition().writeAhead().publishUpTo(0));
        append(2, 100);
        owned.onOwner(() -> owned.partition().writeAhead().publishUpTo(2));
        append(2, 500);

        owned.onOwner(() -> owned.partition().writeAhead().truncateUnpublished(2));
        append(1, 300);
        owned.onOwner(() -> owned.partition().writeAhead().publishUpTo(3));

        assertArrayEquals(new long[] {100, 100, 300}, polled(),
            "stamped no earlier than the last kept message, not than the dropped one");
        assertEquals(3, owned.onOwner(() -> owned.partition().nextOffset()));
    }

    /** Writes {@code count} 4-byte messages stamped {@code nowUs} at {@code base}, unpublished. */
    private CompletableFuture<Void> writeAt(long base, int count, long nowUs) {
        ByteBuf batch = OwnedPartition.batchOf(count);
        CompletableFuture<Void> written = new CompletableFuture<>();
        owned.onOwner(() -> owned.partition().writeAhead().writeUnpublished(base, batch, count, nowUs, written));
        batch.release();
        return written;
    }

    @Test
    void shouldWriteAtTheGivenBaseCuttingAStaleTailAndRefusingGapsAndPublishedOffsets() {
        owned.onOwner(() -> owned.partition().writeAhead().publishUpTo(0));
        writeAt(0, 2, 100).join();
        writeAt(2, 2, 500).join();
        owned.onOwner(() -> owned.partition().writeAhead().publishUpTo(2));

        writeAt(2, 1, 300).join();

        assertEquals(3, owned.onOwner(() -> owned.partition().nextOffset()), "the stale tail 2..3 was cut first");
        CompletableFuture<Void> gap = writeAt(5, 1, 300);
        CompletableFuture<Void> published = writeAt(1, 1, 300);
        assertTrue(gap.isCompletedExceptionally());
        assertTrue(published.isCompletedExceptionally());
        assertEquals(3, owned.onOwner(() -> owned.partition().nextOffset()), "a refused write leaves nothing");
        assertArrayEquals(new long[] {100, 100}, polled(), "written is not served");
        owned.onOwner(() -> owned.partition().writeAhead().publishUpTo(3));
        assertArrayEquals(new long[] {100, 100, 300}, polled());
    }

    @Test
    void shouldNeverStampEarlierThanTheLastStoredMessageAfterARestart() {
        append(2, 1_000);
        owned.reopen();

        append(1, 10);

        assertArrayEquals(new long[] {1_000, 1_000, 1_000}, polled());
    }
}
