package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.metadata.TopicSettings;
import org.iggyj.kernel.metrics.TopicTraffic;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.storage.ReadResult;
import org.iggyj.protocol.wire.Identifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@link SegmentSends} tests share: a node on a real data directory whose stream 0 topic 0
 * has one partition, the applied index the sends read, and send entries built as a leader builds them.
 * Each test class opens the node and the sends its own way.
 */
abstract class SegmentSendsFixture {

    static final long TIME_US = 1_700_000_000_000_000L;

    @TempDir
    Path dataDir;

    @TempDir
    Path staging;

    @TempDir
    Path snapshotDir;

    DataDirNode node;
    MetadataWriter writer;
    final AtomicLong applied = new AtomicLong(-1);
    SegmentSends sends;

    @AfterEach
    void closeNode() {
        if (node == null) {
            return;
        }
        node.close();
        node = null;
    }

    /**
     * Opens a fresh node with stream 0 topic 0 of {@code partitions} partitions, and sends that keep no
     * segment files across restarts.
     */
    void openWithTopic(int partitions, ClusterWrites writes) throws IOException {
        node = DataDirNode.open(dataDir, TIME_US);
        writer = node.writer();
        createStreamAndTopic(partitions);
        sends = new SegmentSends(writer, ByteBufAllocator.DEFAULT, applied::get, writes, new TopicTraffic(), staging);
    }

    /** Creates stream 0 ("orders") and its topic 0 ("events") of {@code partitions} partitions. */
    void createStreamAndTopic(int partitions) {
        writer.mutate(() -> writer.createStream("orders")).join();
        writer.mutate(() -> writer.createTopic(Identifier.numeric(0), partitions,
                new TopicSettings(1, 0, 0, 0, "events"))).join();
    }

    /** @return a writer of entries with no replicator behind it: the sends only need its origin */
    static ClusterWrites unattachedWrites() {
        return new ClusterWrites(Unpooled.buffer().alloc(), MicrosClock.SYSTEM, null);
    }

    /**
     * @param from        the first message's offset
     * @param count       how many messages
     * @param tag         each payload is {@code "tag offset"}
     * @param createdAtUs the creation time of the partition the entry is for
     * @return header (writable, not ordered yet) and data of a send of those messages
     */
    static ByteBuffer[] entry(int from, int count, String tag, long createdAtUs) {
        ByteBuf entry = send(1, from, 0, createdAtUs, from, count, tag);
        try {
            byte[] bytes = new byte[entry.readableBytes()];
            entry.getBytes(entry.readerIndex(), bytes);
            ByteBuffer all = ByteBuffer.wrap(bytes);
            return new ByteBuffer[] {all.duplicate().limit(SendEntry.HEADER_LENGTH).slice(),
                all.duplicate().position(SendEntry.HEADER_LENGTH).slice().asReadOnlyBuffer()};
        } finally {
            entry.release();
        }
    }

    /**
     * @return a send of messages "tag from".."tag from+count-1" to stream 0 topic 0 {@code partition}, as
     *         {@link ClusterWrites} encodes one (header then data, owned by the caller)
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static ByteBuf send(long origin, long sequence, long partition, long createdAtUs, int from, int count, String tag) {
        ByteBuf messages = Unpooled.buffer();
        for (int i = from; i < from + count; i++) {
            byte[] payload = (tag + " " + i).getBytes(StandardCharsets.UTF_8);
            messages.writeLongLE(0).writeLongLE(i + 1).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(7);
            messages.writeIntLE(0).writeIntLE(payload.length).writeLongLE(0).writeBytes(payload);
        }
        try {
            return SendEntry.encode(origin, sequence, 0, TIME_US, 0, 0, partition, createdAtUs, count, messages);
        } finally {
            messages.release();
        }
    }

    /**
     * @param sends single sends ({@link #send}), released here
     * @return header (writable, not ordered yet) and data of the multi-send of those sends, as the
     *         leader's {@link SendCoalescer} builds it
     */
    static ByteBuffer[] multi(ByteBuf... sends) {
        ByteBuf entry = MultiSendEntry.encode(List.of(sends));
        for (ByteBuf s : sends) {
            s.release();
        }
        byte[] bytes = new byte[entry.readableBytes()];
        entry.readBytes(bytes);
        entry.release();
        int headerLength = MultiSendEntry.headerLength(sends.length);
        ByteBuffer all = ByteBuffer.wrap(bytes);
        return new ByteBuffer[] {all.duplicate().limit(headerLength).slice(),
            all.duplicate().position(headerLength).slice().asReadOnlyBuffer()};
    }

    /** @return stream 0 topic 0's first partition */
    Partition partition() {
        return partition(0);
    }

    /** @return stream 0 topic 0's partition {@code id} */
    Partition partition(int id) {
        TopicMeta topic = writer.current().streams().get(0L).topics().get(0L);
        return topic.partitions().get(id);
    }

    /** @return the one message at {@code offset} of stream 0 topic 0's partition {@code id}, as text, header included */
    String messageAt(int id, long offset) {
        Partition p = partition(id);
        ReadResult read = p.owner().submit(() -> p.reader().read(offset, 1, ByteBufAllocator.DEFAULT)).join();
        try {
            assertEquals(1, read.count());
            return read.data().toString(StandardCharsets.UTF_8);
        } finally {
            read.data().release();
        }
    }

    /** @return what {@code op} returns, run on the partition's owning shard */
    <T> T onOwner(Supplier<T> op) {
        return partition().owner().submit(op).join();
    }
}
