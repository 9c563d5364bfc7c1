package org.iggyj.protocol.response;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.wire.WireReader;

/**
 * Reads a poll_messages reply (binary-protocol.md §6.5): the 16-byte head, then message frames as
 * stored (§6.1: 64-byte header, payload, user-headers block). Copies payloads and headers out, so the
 * result outlives the buffer. Stateless.
 */
public final class PolledMessagesReader {

    private PolledMessagesReader() {
    }

    /**
     * One message.
     *
     * @param checksum        XXH3-64 checksum
     * @param idLow           low 64 bits of the u128 id
     * @param idHigh          high 64 bits of the u128 id
     * @param offset          offset
     * @param timestampUs     append time
     * @param originTimestamp client timestamp
     * @param reserved        reserved field
     * @param payload         payload bytes
     * @param userHeaders     the raw user-headers block, empty when none
     */
    public record Message(long checksum, long idLow, long idHigh, long offset, long timestampUs,
                          long originTimestamp, long reserved, byte[] payload, byte[] userHeaders) {
    }

    /**
     * @param partitionId   partition read
     * @param currentOffset the partition's highest offset
     * @param messages      the messages
     */
    public record PolledMessages(long partitionId, long currentOffset, List<Message> messages) {
    }

    /** @return the reply's head and messages */
    public static PolledMessages read(ByteBuf in) {
        long partitionId = in.readUnsignedIntLE();
        long currentOffset = in.readLongLE();
        long count = in.readUnsignedIntLE();
        List<Message> messages = new ArrayList<>();
        for (long i = 0; i < count && in.isReadable(); i++) {
            WireReader.require(in, MessageLayout.HEADER_LENGTH, "message header");
            long checksum = in.readLongLE();
            long idLow = in.readLongLE();
            long idHigh = in.readLongLE();
            long offset = in.readLongLE();
            long timestamp = in.readLongLE();
            long origin = in.readLongLE();
            long headersLength = in.readUnsignedIntLE();
            long payloadLength = in.readUnsignedIntLE();
            long reserved = in.readLongLE();
            byte[] payload = WireReader.bytes(in, payloadLength);
            byte[] headers = WireReader.bytes(in, headersLength);
            messages.add(new Message(checksum, idLow, idHigh, offset, timestamp, origin, reserved, payload, headers));
        }
        return new PolledMessages(partitionId, currentOffset, messages);
    }
}
