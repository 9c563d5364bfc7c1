package org.iggyj.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.iggyj.client.BatchWriter;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;

/** Builds the batches the benchmarks feed to the server code, the way the lean client encodes them. */
final class Batches {

    private Batches() {
    }

    /**
     * @return a whole send_messages payload (metadata, index table, messages) for stream 1, topic 1,
     *         partition 1; the caller releases it
     */
    static ByteBuf sendPayload(int messages, int payloadBytes) {
        Identifier stream = Identifier.numeric(1);
        Identifier topic = Identifier.numeric(1);
        Partitioning partitioning = Partitioning.partitionId(1);
        BatchWriter writer = new BatchWriter(messages, payloadBytes);
        int metadataLength = stream.encodedLength() + topic.encodedLength() + partitioning.encodedLength();
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(4 + metadataLength + writer.encodedLength());
        out.writeIntLE(metadataLength + 4);
        stream.write(out);
        topic.write(out);
        partitioning.write(out);
        writer.write(out, 1);
        return out;
    }

    /**
     * @return only the message frames of a batch (no count, no index table), as a partition log
     *         appends them; the caller releases it
     */
    static ByteBuf messageFrames(int messages, int payloadBytes) {
        BatchWriter writer = new BatchWriter(messages, payloadBytes);
        ByteBuf encoded = writer.encode(PooledByteBufAllocator.DEFAULT, 1);
        encoded.skipBytes(4 + messages * MessageLayout.INDEX_ENTRY_LENGTH);
        return encoded;
    }
}
