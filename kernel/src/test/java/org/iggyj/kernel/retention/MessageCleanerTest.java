package org.iggyj.kernel.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.MetadataRecovery;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicDefaults;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.metadata.TopicSettings;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.kernel.storage.StorageConfig;
import org.iggyj.protocol.wire.Identifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageCleanerTest {

    private static final long NEVER = -1L;
    /** A batch is 2 messages of 164 bytes; 1 KiB segments roll after 4 batches (1312 bytes, 8 messages). */
    private static final int BATCH_BYTES = 2 * 164;
    private static final int SEGMENT_BYTES = 4 * BATCH_BYTES;

    @TempDir
    Path dataDir;

    private final AtomicLong nowUs = new AtomicLong(1_000);
    private ShardSet shards;
    private MetadataWriter writer;
    private MessageCleaner cleaner;

    @BeforeEach
    void startStorage() throws IOException {
        shards = new ShardSet(2);
        writer = new MetadataWriter(shards, new DataLayout(dataDir), new StorageConfig(1024, false, false),
            new TopicDefaults(NEVER, NEVER), nowUs::get);
        MetadataRecovery.recover(writer, new DataLayout(dataDir));
        writer.mutate(() -> writer.createStream("s")).join();
        cleaner = new MessageCleaner(writer::current, nowUs::get);
    }

    @AfterEach
    void stop() {
        for (TopicMeta topic : writer.current().stream(Identifier.numeric(0)).topics().values()) {
            for (Partition p : topic.partitions()) {
                p.owner().submit(() -> {
                    p.close();
                    return null;
                }).join();
            }
        }
        shards.close();
    }

    private TopicMeta topic(String name, int partitions, long expiryUs, long maxSizeBytes) {
        return writer.mutate(() -> writer.createTopic(Identifier.numeric(0), partitions,
            new TopicSettings(1, expiryUs, maxSizeBytes, 1, name))).join();
    }

    private void appendAt(Partition partition, long timestampUs) {
        nowUs.set(timestampUs);
        ByteBuf batch = Unpooled.directBuffer();
        for (int i = 0; i < 2; i++) {
            batch.writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0);
            batch.writeIntLE(0).writeIntLE(100).writeLongLE(0).writeZero(100);
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        partition.owner().submit(() -> {
            try {
                partition.append(batch, 2, ack);
            } finally {
                batch.release();
            }
            return null;
        }).join();
        ack.join();
    }

    private static long firstOffset(Partition partition) {
        return partition.owner().submit(partition.reader()::firstOffset).join();
    }

    /** 20 batches at 1000, 1010, ...: sealed segments end at 1030, 1070, 1110, 1150; the active one at 1190. */
    private Partition twentyBatches(TopicMeta topic) {
        Partition partition = topic.partitions().get(0);
        for (int i = 0; i < 20; i++) {
            appendAt(partition, 1_000 + 10L * i);
        }
        assertEquals(5, partition.stats().segments());
        return partition;
    }

    @Test
    void shouldDeleteExpiredSealedSegmentsAndNothingNewer() {
        Partition partition = twentyBatches(topic("expiring", 1, 100, NEVER));
        nowUs.set(1_170);

        assertEquals(2, cleaner.runOnce());

        assertEquals(16, firstOffset(partition));
        assertEquals(3, partition.stats().segments());
        assertEquals(24, partition.stats().messages());
        assertEquals(12L * BATCH_BYTES, partition.stats().sizeBytes());
    }

    @Test
    void shouldKeepEverySegmentWhenExpiryIsNever() {
        Partition partition = twentyBatches(topic("forever", 1, NEVER, NEVER));
        nowUs.set(Long.MAX_VALUE / 2);

        assertEquals(0, cleaner.runOnce());

        assertEquals(0, firstOffset(partition));
    }

    @Test
    void shouldNeverDeleteTheActiveSegmentWhenEverythingExpired() {
        Partition partition = twentyBatches(topic("all-expired", 1, 1, NEVER));
        nowUs.set(1_000_000);

        assertEquals(4, cleaner.runOnce());

        assertEquals(32, firstOffset(partition));
        assertEquals(1, partition.stats().segments());
    }

    @Test
    void shouldStopAtSegmentHoldingOffsetsAboveAStoredConsumerOffset() {
        Partition partition = twentyBatches(topic("barrier", 1, 100, NEVER));
        partition.owner().submit(() -> {
            partition.consumerOffsets().store(ConsumerOffsetKind.CONSUMER, 1, 7);
            return null;
        }).join();
        nowUs.set(1_170);

        assertEquals(1, cleaner.runOnce(), "segment 0 ends at offset 7 (not above the stored 7); segment 1 does");

        assertEquals(8, firstOffset(partition));
    }

    @Test
    void shouldDeleteOldestSegmentsAcrossPartitionsWhileTopicIsAtNinetyPercentOfMaxSize() {
        // 7872 bytes in 6 segments of 1312; 90% of 5000 = 4500: three deletions reach 3936.
        TopicMeta topic = topic("capped", 2, NEVER, 5_000);
        Partition a = topic.partitions().get(0);
        Partition b = topic.partitions().get(1);
        for (int i = 0; i < 12; i++) {
            appendAt(a, 1_000 + 20L * i);
            appendAt(b, 1_010 + 20L * i);
        }
        assertEquals(24L * BATCH_BYTES, writer.current().stream(Identifier.numeric(0))
            .topic(Identifier.named("capped")).sizeBytes());

        assertEquals(3, cleaner.runOnce());

        assertEquals(16, firstOffset(a), "A lost segments 0 and 8 (first timestamps 1000 and 1080)");
        assertEquals(8, firstOffset(b), "B lost segment 0 (1010) only; its segment 8 starts at 1090");
        assertEquals(24L * BATCH_BYTES - 3L * SEGMENT_BYTES, a.stats().sizeBytes() + b.stats().sizeBytes());
    }

    @Test
    void shouldRunOnItsScheduleUntilClosed() throws InterruptedException {
        Partition partition = twentyBatches(topic("scheduled", 1, 100, NEVER));
        nowUs.set(1_170);
        cleaner.start(java.time.Duration.ofMillis(10));
        try {
            for (int i = 0; i < 1_000 && partition.stats().segments() != 3; i++) {
                Thread.sleep(10);
            }
        } finally {
            cleaner.close();
        }

        assertEquals(3, partition.stats().segments());
    }
}
