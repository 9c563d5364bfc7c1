package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;

/**
 * Writes a send_messages payload (metadata, index table, messages) the way the Java SDK does: index
 * offsets and timestamps 0, positions cumulative message ends. For clients and tests. Stateless.
 */
public final class BatchEncoder {

    private BatchEncoder() {
    }

    /**
     * @return payload bytes {@link #encode} writes, without the 8-byte frame header
     */
    public static int encodedLength(Identifier stream, Identifier topic, Partitioning partitioning,
                                    List<MessageDraft> messages) {
        int length = 4 + metadataLength(stream, topic, partitioning);
        for (MessageDraft m : messages) {
            length += 16 + m.size();
        }
        return length;
    }

    /**
     * Writes the send_messages payload at the writer index.
     *
     * @param out          destination; the caller owns it
     * @param stream       target stream
     * @param topic        target topic
     * @param partitioning partition choice
     * @param messages     the batch, in order
     */
    public static void encode(ByteBuf out, Identifier stream, Identifier topic, Partitioning partitioning,
                              List<MessageDraft> messages) {
        out.writeIntLE(metadataLength(stream, topic, partitioning));
        stream.write(out);
        topic.write(out);
        partitioning.write(out);
        out.writeIntLE(messages.size());
        int position = 0;
        for (MessageDraft m : messages) {
            position += m.size();
            out.writeIntLE(0);
            out.writeIntLE(position);
            out.writeLongLE(0);
        }
        for (MessageDraft m : messages) {
            m.writeTo(out);
        }
    }

    private static int metadataLength(Identifier stream, Identifier topic, Partitioning partitioning) {
        return stream.encodedLength() + topic.encodedLength() + partitioning.encodedLength() + 4;
    }
}
