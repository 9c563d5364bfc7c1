package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.PollingStrategy;
import org.iggyj.protocol.wire.WireReader;
import org.iggyj.protocol.wire.WireWriter;

/**
 * poll_messages (100).
 *
 * <pre>
 * consumer    Consumer
 * stream_id   Identifier
 * topic_id    Identifier
 * partition   OptPartition    flag (1 = present) + u32
 * strategy    PollingStrategy
 * count       u32
 * auto_commit bool
 * </pre>
 *
 * @param consumer    who reads
 * @param streamId    the stream
 * @param topicId     the topic
 * @param partitionId the partition, or {@link WireReader#NO_PARTITION} (-1) when absent
 * @param strategy    where to start
 * @param count       most messages to return
 * @param autoCommit  store the last returned offset afterwards
 */
public record PollMessages(Consumer consumer, Identifier streamId, Identifier topicId, long partitionId,
                           PollingStrategy strategy, long count, boolean autoCommit) {

    /** @return whether the request names a partition */
    public boolean hasPartition() {
        return partitionId != WireReader.NO_PARTITION;
    }

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated or for an unknown kind byte, 4 for a malformed identifier
     */
    public static PollMessages decode(ByteBuf payload) {
        Consumer consumer = Consumer.read(payload);
        Identifier streamId = Identifier.read(payload);
        Identifier topicId = Identifier.read(payload);
        long partitionId = WireReader.optPartition(payload);
        PollingStrategy strategy = PollingStrategy.read(payload);
        long count = WireReader.u32(payload);
        boolean autoCommit = WireReader.bool(payload);
        return new PollMessages(consumer, streamId, topicId, partitionId, strategy, count, autoCommit);
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        consumer.write(out);
        streamId.write(out);
        topicId.write(out);
        WireWriter.optPartition(out, partitionId);
        strategy.write(out);
        WireWriter.u32(out, count);
        WireWriter.bool(out, autoCommit);
    }
}
