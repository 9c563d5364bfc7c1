package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.iggyj.kernel.command.OffsetChanges;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicSettings;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.wire.Identifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-offset state of {@link AutoCommitReplication} is freed when the partition, topic, stream
 * or consumer group it belongs to is deleted, on real metadata of a data directory.
 */
class AutoCommitSlotsTest {

    private static final Identifier ZERO = Identifier.numeric(0);
    private static final Identifier ONE = Identifier.numeric(1);
    private static final long CONSUMER = 7;

    @TempDir
    Path dataDir;

    private DataDirNode node;
    private MetadataWriter writer;
    private ConsumerGroupWriter groups;
    private long group;
    /** Sends run at once and fail: no replicator is attached, which leaves each slot idle. */
    private final AutoCommitReplication autoCommits = new AutoCommitReplication(
            new ClusterWrites(UnpooledByteBufAllocator.DEFAULT, MicrosClock.SYSTEM, null),
            (task, delay) -> task.run(), System::nanoTime, null);

    @BeforeEach
    void open() throws IOException {
        node = DataDirNode.open(dataDir, 1_700_000_000_000_000L);
        writer = node.writer();
        groups = new ConsumerGroupWriter(writer);
        onWriter(() -> writer.createStream("orders"));
        onWriter(() -> writer.createStream("audit"));
        onWriter(() -> writer.createTopic(ZERO, 3, new TopicSettings(1, 0, 0, 0, "events")));
        onWriter(() -> writer.createTopic(ZERO, 1, new TopicSettings(1, 0, 0, 0, "other")));
        onWriter(() -> writer.createTopic(ONE, 1, new TopicSettings(1, 0, 0, 0, "trail")));
        group = onWriter(() -> groups.create(ZERO, ZERO, "readers")).id();
    }

    @AfterEach
    void close() {
        node.close();
    }

    private <T> T onWriter(Supplier<T> change) {
        return writer.mutate(change::get).join();
    }

    private void autoCommit(long stream, long topic, long partition, ConsumerOffsetKind kind, long key) {
        autoCommits.committed(new OffsetChanges.Target(stream, topic, partition, kind, key), 10);
    }

    private void applied(int code) {
        autoCommits.afterApplied(code, writer.current());
    }

    @Test
    void shouldFreeTheSlotsOfDeletedPartitionsTopicsStreamsAndGroups() {
        for (long p = 0; p < 3; p++) {
            autoCommit(0, 0, p, ConsumerOffsetKind.GROUP, group);
            autoCommit(0, 0, p, ConsumerOffsetKind.CONSUMER, CONSUMER);
        }
        autoCommit(0, 1, 0, ConsumerOffsetKind.CONSUMER, CONSUMER);
        autoCommit(1, 0, 0, ConsumerOffsetKind.CONSUMER, CONSUMER);
        assertEquals(8, autoCommits.slotCount());

        applied(CommandCode.CREATE_TOPIC);
        assertEquals(8, autoCommits.slotCount(), "nothing is freed by an entry that deletes nothing");

        onWriter(() -> {
            writer.deletePartitions(ZERO, ZERO, 1);
            return null;
        });
        applied(CommandCode.DELETE_PARTITIONS);
        assertEquals(6, autoCommits.slotCount(), "partition 2's group and consumer offsets are freed");

        onWriter(() -> {
            groups.delete(ZERO, ZERO, Identifier.numeric(group));
            return null;
        });
        applied(CommandCode.DELETE_CONSUMER_GROUP);
        assertEquals(4, autoCommits.slotCount(), "the deleted group's offsets are freed, the consumer's stay");

        onWriter(() -> {
            writer.deleteTopic(ZERO, ZERO);
            return null;
        });
        applied(CommandCode.DELETE_TOPIC);
        assertEquals(2, autoCommits.slotCount(), "the deleted topic's offsets are freed");

        onWriter(() -> {
            writer.deleteStream(ONE);
            return null;
        });
        applied(CommandCode.DELETE_STREAM);
        assertEquals(1, autoCommits.slotCount(), "the deleted stream's offsets are freed");
    }
}
