package org.iggyj.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Layout of one message as it travels in send_messages and poll_messages and as it is stored: a 64-byte
 * header, then the payload, then the user-headers block.
 *
 * <pre>
 * offset size field                 on send (client)            on poll (server)
 * 0      8    checksum u64          0, ignored                  XXH3-64 of bytes [8, end of message)
 * 8      16   id u128               0 = let the server assign   as stored (random UUID if sent as 0)
 * 24     8    offset u64            0, must not decrease        assigned offset
 * 32     8    timestamp u64         0, ignored                  append time, microseconds since epoch
 * 40     8    origin_timestamp u64  client's own, free          as sent
 * 48     4    user_headers_length   length of the headers block same
 * 52     4    payload_length u32    payload length              same
 * 56     8    reserved u64          0                           as stored
 * 64     P    payload
 * 64+P   H    user headers          stored verbatim, never parsed on send
 * </pre>
 *
 * <p>Message size = {@code 64 + payload_length + user_headers_length}. All integers are little-endian;
 * the u128 id is two u64 words, low word first. A send request also carries one {@link #INDEX_ENTRY_LENGTH}
 * byte index entry per message: {@code offset u32 (0), position u32 (cumulative end), timestamp u64 (0)}.
 *
 * <p>The accessors read at an absolute index and never move reader or writer indexes. Stateless.
 */
public final class MessageLayout {

    /** u64 checksum. */
    public static final int CHECKSUM_OFFSET = 0;
    /** u128 id, low u64 first. */
    public static final int ID_OFFSET = 8;
    /** u64 offset within the partition. */
    public static final int OFFSET_OFFSET = 24;
    /** u64 server timestamp, microseconds. */
    public static final int TIMESTAMP_OFFSET = 32;
    /** u64 client timestamp, microseconds. */
    public static final int ORIGIN_TIMESTAMP_OFFSET = 40;
    /** u32 size of the user-headers block. */
    public static final int USER_HEADERS_LENGTH_OFFSET = 48;
    /** u32 size of the payload. */
    public static final int PAYLOAD_LENGTH_OFFSET = 52;
    /** u64 reserved, 0. */
    public static final int RESERVED_OFFSET = 56;
    /** Size of the fixed header; the payload starts here. */
    public static final int HEADER_LENGTH = 64;
    /** Size of one send_messages index entry. */
    public static final int INDEX_ENTRY_LENGTH = 16;
    /** Offset of the u32 offset field in an index entry (must be 0 on send). */
    public static final int INDEX_OFFSET_OFFSET = 0;
    /** Offset of the u32 cumulative end position in an index entry. */
    public static final int INDEX_POSITION_OFFSET = 4;
    /** Offset of the u64 timestamp field in an index entry (must be 0 on send). */
    public static final int INDEX_TIMESTAMP_OFFSET = 8;
    /** Largest payload of one message (decimal, as Iggy 0.8); larger gives {@link ErrorCode#TOO_BIG_MESSAGE_PAYLOAD}. */
    public static final int MAX_PAYLOAD_BYTES = 64_000_000;
    /** Largest user-headers block; larger gives {@link ErrorCode#TOO_BIG_USER_HEADERS}. */
    public static final int MAX_USER_HEADERS_BYTES = 100_000;

    private MessageLayout() {
    }

    /**
     * @param buf   buffer holding a message header
     * @param start absolute index of the message's first byte
     * @return the declared payload length (u32)
     */
    public static long payloadLength(ByteBuf buf, int start) {
        return buf.getUnsignedIntLE(start + PAYLOAD_LENGTH_OFFSET);
    }

    /**
     * @param buf   buffer holding a message header
     * @param start absolute index of the message's first byte
     * @return the declared user-headers length (u32)
     */
    public static long userHeadersLength(ByteBuf buf, int start) {
        return buf.getUnsignedIntLE(start + USER_HEADERS_LENGTH_OFFSET);
    }

    /**
     * @param buf   buffer holding a message header
     * @param start absolute index of the message's first byte
     * @return header + payload + user headers, as declared by the header
     */
    public static long messageSize(ByteBuf buf, int start) {
        return HEADER_LENGTH + payloadLength(buf, start) + userHeadersLength(buf, start);
    }

    /**
     * @param buf   buffer holding a message header
     * @param start absolute index of the message's first byte
     * @return the offset field
     */
    public static long offset(ByteBuf buf, int start) {
        return buf.getLongLE(start + OFFSET_OFFSET);
    }
}
