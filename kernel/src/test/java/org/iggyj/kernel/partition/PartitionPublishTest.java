package org.iggyj.kernel.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.MessageFrame;
import org.iggyj.kernel.storage.ReadResult;
import org.iggyj.kernel.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition written ahead of what it serves (docs/cluster.md, "Message bytes and the Raft log"):
 * polls, offsets, stats and long polls see only what {@link Partition#publishUpTo} published; an
 * unpublished tail is dropped by {@link Partition#truncateUnpublished} and the next append is stamped as
 * if it had never been written; the last timestamp survives a restart.
 */
class PartitionPublishTest {

    @TempDir
    Path dir;

    private ShardSet shards;
    private Partition partition;

    @BeforeEach
    void open() {
        shards = new ShardSet(1);
        partition = newPartition();
        onOwner(() -> partition.open());
    }

    @AfterEach
    void close() {
        onOwner(() -> partition.close());
        shards.close();
    }

    private Partition newPartition() {
        return new Partition(new PartitionKey(0, 0, 0), 0, shards.ownerOf(0, 0, 0), dir,
            new StorageConfig(1 << 20, false, false), MicrosClock.SYSTEM);
    }

    private void onOwner(Runnable work) {
        partition.owner().submit(() -> {
            work.run();
            return null;
        }).join();
    }

    private <T> T onOwner(Supplier<T> work) {
        return partition.owner().submit(work::get).join();
    }

    /** Appends {@code count} 4-byte messages stamped {@code nowUs}. */
    private void append(int count, long nowUs) {
        ByteBuf batch = Unpooled.directBuffer();
        for (int i = 0; i < count; i++) {
            batch.writeLongLE(0).writeLongLE(i + 1).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0);
            batch.writeIntLE(0).writeIntLE(4).writeLongLE(0).writeIntLE(i);
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        onOwner(() -> partition.append(batch, count, nowUs, ack));
        batch.release();
        ack.join();
    }

    /** Timestamps of the messages a poll from offset 0 returns. */
    private long[] polled() {
        return onOwner(() -> {
            ReadResult read = partition.reader().read(0, 100, UnpooledByteBufAllocator.DEFAULT);
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
        onOwner(() -> partition.publishUpTo(0));
        CompletableFuture<Long> longPoll = new CompletableFuture<>();
        onOwner(() -> partition.waiters().await(0, 0, 60_000, longPoll));

        append(3, 100);

        assertArrayEquals(new long[0], polled());
        assertTrue(onOwner(() -> partition.reader().isEmpty()));
        assertEquals(0, partition.stats().messages());
        assertEquals(3, onOwner(() -> partition.nextOffset()), "written");
        assertFalse(longPoll.isDone(), "nothing published yet");

        onOwner(() -> partition.publishUpTo(2));

        assertEquals(2L, longPoll.get(10, TimeUnit.SECONDS));
        assertArrayEquals(new long[] {100, 100}, polled());
        assertEquals(1, onOwner(() -> partition.reader().currentOffset()));
        assertEquals(1, partition.stats().currentOffset());
        assertEquals(2, partition.stats().messages());
    }

    @Test
    void shouldDropAnUnpublishedTailAndStampTheNextAppendAsIfItNeverWasWritten() {
        onOwner(() -> partition.publishUpTo(0));
        append(2, 100);
        onOwner(() -> partition.publishUpTo(2));
        append(2, 500);

        onOwner(() -> partition.truncateUnpublished(2));
        append(1, 300);
        onOwner(() -> partition.publishUpTo(3));

        assertArrayEquals(new long[] {100, 100, 300}, polled(),
            "stamped no earlier than the last kept message, not than the dropped one");
        assertEquals(3, onOwner(() -> partition.nextOffset()));
    }

    /** Writes {@code count} 4-byte messages stamped {@code nowUs} at {@code base}, unpublished. */
    private CompletableFuture<Void> writeAt(long base, int count, long nowUs) {
        ByteBuf batch = Unpooled.directBuffer();
        for (int i = 0; i < count; i++) {
            batch.writeLongLE(0).writeLongLE(i + 1).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0);
            batch.writeIntLE(0).writeIntLE(4).writeLongLE(0).writeIntLE(i);
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        onOwner(() -> partition.writeUnpublished(base, batch, count, nowUs, written));
        batch.release();
        return written;
    }

    @Test
    void shouldWriteAtTheGivenBaseCuttingAStaleTailAndRefusingGapsAndPublishedOffsets() {
        onOwner(() -> partition.publishUpTo(0));
        writeAt(0, 2, 100).join();
        writeAt(2, 2, 500).join();
        onOwner(() -> partition.publishUpTo(2));

        writeAt(2, 1, 300).join();

        assertEquals(3, onOwner(() -> partition.nextOffset()), "the stale tail 2..3 was cut first");
        CompletableFuture<Void> gap = writeAt(5, 1, 300);
        CompletableFuture<Void> published = writeAt(1, 1, 300);
        assertTrue(gap.isCompletedExceptionally());
        assertTrue(published.isCompletedExceptionally());
        assertEquals(3, onOwner(() -> partition.nextOffset()), "a refused write leaves nothing");
        assertArrayEquals(new long[] {100, 100}, polled(), "written is not served");
        onOwner(() -> partition.publishUpTo(3));
        assertArrayEquals(new long[] {100, 100, 300}, polled());
    }

    @Test
    void shouldNeverStampEarlierThanTheLastStoredMessageAfterARestart() {
        append(2, 1_000);
        onOwner(() -> partition.close());
        partition = newPartition();
        onOwner(() -> partition.open());

        append(1, 10);

        assertArrayEquals(new long[] {1_000, 1_000, 1_000}, polled());
    }
}
