package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.iggyj.protocol.MessageLayout;

/**
 * A message a client is about to send, before the server has given it an offset, timestamp or checksum.
 * Used by {@link BatchEncoder} (clients and tests); the server never builds these.
 *
 * <p>The arrays are kept, not copied, and compared by identity in {@code equals}.
 *
 * @param idLow           low 64 bits of the u128 id (0 with {@code idHigh} 0: let the server assign one)
 * @param idHigh          high 64 bits of the u128 id
 * @param originTimestamp the client's timestamp in microseconds, stored as sent
 * @param userHeaders     the encoded user-headers block (may be empty)
 * @param payload         the payload (may be empty)
 */
public record MessageDraft(long idLow, long idHigh, long originTimestamp, byte[] userHeaders, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    /** Rejects nulls. */
    public MessageDraft {
        Objects.requireNonNull(userHeaders, "userHeaders");
        Objects.requireNonNull(payload, "payload");
    }

    /** @return a message with id 0 (server-assigned), no headers and origin timestamp 0 */
    public static MessageDraft of(byte[] payload) {
        return new MessageDraft(0, 0, 0, EMPTY, payload);
    }

    /** @return header + payload + user headers */
    public int size() {
        return MessageLayout.HEADER_LENGTH + payload.length + userHeaders.length;
    }

    /** Writes the message frame (checksum, offset, timestamp and reserved all 0) at the writer index. */
    public void writeTo(ByteBuf out) {
        out.writeLongLE(0);
        out.writeLongLE(idLow);
        out.writeLongLE(idHigh);
        out.writeLongLE(0);
        out.writeLongLE(0);
        out.writeLongLE(originTimestamp);
        out.writeIntLE(userHeaders.length);
        out.writeIntLE(payload.length);
        out.writeLongLE(0);
        out.writeBytes(payload);
        out.writeBytes(userHeaders);
    }
}
