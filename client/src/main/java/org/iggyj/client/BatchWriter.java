package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.iggyj.protocol.MessageLayout;

/**
 * Encodes the message part of a send_messages payload — {@code count u32}, the index table, the message
 * frames — for a batch of {@code N} messages of {@code S} payload bytes each, with no per-message
 * allocation: the payload is one template array written N times. Ids are 0 (the server assigns them),
 * headers empty, origin timestamps the value given. The stream/topic/partitioning metadata is not part
 * of it; {@link IggyConnection#sendMessages} writes that in front.
 *
 * <pre>
 * count u32 | N x index entry (offset u32 = 0, position u32 = cumulative end, timestamp u64 = 0)
 *           | N x message (64-byte header + S payload bytes)
 * </pre>
 *
 * <p>Immutable after construction and safe to share; the buffers it fills belong to the caller. An encoded
 * batch can be sent again after {@link #restamp}ing it, which rewrites only the N origin timestamps.
 */
public final class BatchWriter {

    private final int messageCount;
    private final int payloadLength;
    private final byte[] payload;

    /**
     * @param messageCount  messages per batch, at least 1
     * @param payloadLength payload bytes per message, 0 or more
     */
    public BatchWriter(int messageCount, int payloadLength) {
        if (messageCount < 1 || payloadLength < 0 || payloadLength > MessageLayout.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("messageCount " + messageCount + ", payloadLength " + payloadLength);
        }
        this.messageCount = messageCount;
        this.payloadLength = payloadLength;
        this.payload = new byte[payloadLength];
        for (int i = 0; i < payloadLength; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
    }

    /** @return messages per batch */
    public int messageCount() {
        return messageCount;
    }

    /** @return payload bytes per message */
    public int payloadLength() {
        return payloadLength;
    }

    /** @return payload bytes of the whole batch */
    public long payloadBytes() {
        return (long) messageCount * payloadLength;
    }

    /** @return message-frame bytes of the whole batch (headers and payloads, no index) */
    public long messageBytes() {
        return (long) messageCount * messageSize();
    }

    /** @return bytes {@link #write} produces */
    public int encodedLength() {
        return Math.toIntExact(4 + (long) messageCount * (MessageLayout.INDEX_ENTRY_LENGTH + messageSize()));
    }

    /**
     * Allocates a direct buffer of exactly {@link #encodedLength()} and writes the batch into it.
     *
     * @param alloc             e.g. {@code PooledByteBufAllocator.DEFAULT}
     * @param originTimestampUs the origin timestamp of every message
     * @return the batch; the caller owns and releases it
     */
    public ByteBuf encode(ByteBufAllocator alloc, long originTimestampUs) {
        ByteBuf out = alloc.directBuffer(encodedLength());
        write(out, originTimestampUs);
        return out;
    }

    /**
     * Writes the batch at the writer index.
     *
     * @param out               destination, owned by the caller
     * @param originTimestampUs the origin timestamp of every message
     */
    public void write(ByteBuf out, long originTimestampUs) {
        int size = messageSize();
        out.writeIntLE(messageCount);
        for (int i = 1; i <= messageCount; i++) {
            out.writeIntLE(0);
            out.writeIntLE(i * size);
            out.writeLongLE(0);
        }
        for (int i = 0; i < messageCount; i++) {
            out.writeLongLE(0);             // checksum, set by the server
            out.writeLongLE(0);             // id low: 0 = server-assigned
            out.writeLongLE(0);             // id high
            out.writeLongLE(0);             // offset
            out.writeLongLE(0);             // timestamp
            out.writeLongLE(originTimestampUs);
            out.writeIntLE(0);              // user headers length
            out.writeIntLE(payloadLength);
            out.writeLongLE(0);             // reserved
            out.writeBytes(payload);
        }
    }

    /**
     * Rewrites the origin timestamp of every message of a batch this writer encoded.
     *
     * @param batch             a batch starting at its reader index; indexes untouched
     * @param originTimestampUs the new timestamp
     */
    public void restamp(ByteBuf batch, long originTimestampUs) {
        int size = messageSize();
        int position = batch.readerIndex() + 4 + messageCount * MessageLayout.INDEX_ENTRY_LENGTH
                + MessageLayout.ORIGIN_TIMESTAMP_OFFSET;
        for (int i = 0; i < messageCount; i++) {
            batch.setLongLE(position, originTimestampUs);
            position += size;
        }
    }

    private int messageSize() {
        return MessageLayout.HEADER_LENGTH + payloadLength;
    }
}
