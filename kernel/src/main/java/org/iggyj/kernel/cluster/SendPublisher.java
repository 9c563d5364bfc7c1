package org.iggyj.kernel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.cluster.SendWindow.Written;
import org.iggyj.kernel.metrics.TopicTraffic;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.spi.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply half of {@link SegmentSends}: a logged send's bytes, already in its partition unpublished or
 * in a staging file, are moved in if staged, published up to the send's end, and the client answered.
 *
 * <p>Threads: {@link #apply} on the apply thread; the partition work on its owner shard.
 */
final class SendPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SendPublisher.class);

    private final SendPartitions partitions;
    private final SendWindow window;
    private final SealedPartitionBytes bytes;
    private final ClusterWrites writes;
    private final TopicTraffic traffic;

    /**
     * @param partitions resolves a send's partition
     * @param window     the sends written and not applied yet
     * @param bytes      moves staged bytes in
     * @param writes     told when a send submitted here has been applied
     * @param traffic    per-topic counters
     */
    SendPublisher(SendPartitions partitions, SendWindow window, SealedPartitionBytes bytes, ClusterWrites writes,
                  TopicTraffic traffic) {
        this.partitions = partitions;
        this.window = window;
        this.bytes = bytes;
        this.writes = writes;
        this.traffic = traffic;
    }

    /**
     * Applies a send's header: moves its staged bytes in if any, publishes up to its end and answers
     * its client (if submitted here).
     *
     * @param index  the entry's index
     * @param header the logged header
     * @return completes once published
     */
    CompletableFuture<Void> apply(long index, ByteBuffer header) {
        window.dropStaleBelow(SegmentSends.slot(index, 0));
        if (!MultiSendEntry.is(header)) {
            return applyOne(index, SegmentSends.slot(index, 0), SendEntry.decode(header));
        }
        int n = MultiSendEntry.count(header);
        CompletableFuture<?>[] published = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            SendEntry send = SendEntry.decode(MultiSendEntry.send(header, i));
            published[i] = applyOne(index, SegmentSends.slot(index, i), send);
        }
        return CompletableFuture.allOf(published);
    }

    /** Publishes one send (of a single or a multi-send entry) on its owner shard and answers its client. */
    private CompletableFuture<Void> applyOne(long index, long slot, SendEntry send) {
        Written written = window.remove(slot);
        Partition partition = send.baseOffset() < 0 ? null : partitions.find(send);
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        if (partition == null) {
            if (written != null && written.staged()) {
                window.unstage(slot, written.key());
            }
            reply.complete(Reply.error(ErrorCode.PARTITION_NOT_FOUND.code()));
        } else {
            partition.owner().execute(() -> reply.complete(publish(index, slot, partition, send, written)));
        }
        return reply.thenAccept(r -> {
            if (r.isOk()) {
                traffic.sent(send.streamId(), send.topicId(), send.count(), send.dataLength());
            }
            writes.onApplied(send.origin(), send.sequence(), r);
        });
    }

    /** On the owner shard. */
    private Reply publish(long index, long slot, Partition partition, SendEntry send, Written written) {
        try {
            long end = send.baseOffset() + send.count();
            if (written != null && written.staged()) {
                moveIn(index, slot, partition, send);
                window.unstage(slot, written.key());
            }
            if (partition.nextOffset() < end) {
                throw new IllegalStateException("the messages of log entry " + index + " (offsets " + send.baseOffset()
                        + ".." + (end - 1) + ") are not in the partition (written up to " + partition.nextOffset() + ")");
            }
            partition.writeAhead().publishUpTo(end);
            return Reply.ok();
        } catch (RuntimeException e) {
            LOG.error("Cannot publish log entry {} in partition {}/{}/{}", index, send.streamId(), send.topicId(),
                    send.partitionId(), e);
            return Reply.error((e instanceof IggyException ie ? ie.errorCode() : ErrorCode.ERROR).code());
        }
    }

    private void moveIn(long index, long slot, Partition partition, SendEntry send) {
        try (FileChannel staged = window.openStaged(slot, SendPartitions.keyOf(send))) {
            bytes.moveIn(partition, send, staged);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged messages of log entry " + index, e);
        }
    }
}
