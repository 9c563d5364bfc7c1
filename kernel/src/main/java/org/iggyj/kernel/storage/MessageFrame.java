package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.ThreadLocalRandom;
import org.iggyj.protocol.MessageLayout;

/**
 * The stamping the server applies to a stored message at append, and its checksum. The layout is
 * {@link MessageLayout}'s (identical on disk and in a poll response); the constants here are
 * aliases so storage code reads as storage code.
 *
 * <p>Stateless; the static methods are safe from any thread on buffers that thread owns. No method
 * allocates after the calling thread's first checksum ({@link Xxh3Checksum}).
 */
public final class MessageFrame {

    public static final int CHECKSUM_OFFSET = MessageLayout.CHECKSUM_OFFSET;
    public static final int ID_OFFSET = MessageLayout.ID_OFFSET;
    public static final int ID_LENGTH = MessageLayout.OFFSET_OFFSET - MessageLayout.ID_OFFSET;
    public static final int OFFSET_OFFSET = MessageLayout.OFFSET_OFFSET;
    public static final int TIMESTAMP_OFFSET = MessageLayout.TIMESTAMP_OFFSET;
    public static final int ORIGIN_TIMESTAMP_OFFSET = MessageLayout.ORIGIN_TIMESTAMP_OFFSET;
    public static final int USER_HEADERS_LENGTH_OFFSET = MessageLayout.USER_HEADERS_LENGTH_OFFSET;
    public static final int PAYLOAD_LENGTH_OFFSET = MessageLayout.PAYLOAD_LENGTH_OFFSET;
    public static final int RESERVED_OFFSET = MessageLayout.RESERVED_OFFSET;
    public static final int HEADER_LENGTH = MessageLayout.HEADER_LENGTH;
    /** The checksum covers everything after itself. */
    public static final int CHECKSUM_START = ID_OFFSET;

    /**
     * Sanity bound on a stored message during recovery (64 MB payload limit + 100 KB user headers
     * + room for encryption overhead): a length field beyond it marks the frame as corrupt.
     */
    static final long MAX_MESSAGE_LENGTH = 128L << 20;

    private MessageFrame() {
    }

    /** Length of the message whose header starts at {@code index}, as a long (the fields are u32). */
    public static long length(ByteBuf buf, int index) {
        return HEADER_LENGTH + buf.getUnsignedIntLE(index + PAYLOAD_LENGTH_OFFSET)
            + buf.getUnsignedIntLE(index + USER_HEADERS_LENGTH_OFFSET);
    }

    /**
     * XXH3-64 of bytes {@code [index + 8, index + length)} of {@code buf}, the message's stored checksum
     * (any kind of buffer; see {@link Xxh3Checksum} for how).
     */
    public static long checksum(ByteBuf buf, int index, int length) {
        return Xxh3Checksum.of(buf, index + CHECKSUM_START, length - CHECKSUM_START);
    }

    /**
     * Stamps the message of {@code length} bytes at {@code index} as the server stores it: offset,
     * timestamp, a random UUID v4 id when the id is 0, then the checksum.
     */
    static void stamp(ByteBuf buf, int index, int length, long offset, long timestampUs) {
        buf.setLongLE(index + OFFSET_OFFSET, offset);
        buf.setLongLE(index + TIMESTAMP_OFFSET, timestampUs);
        if (buf.getLongLE(index + ID_OFFSET) == 0 && buf.getLongLE(index + ID_OFFSET + 8) == 0) {
            setRandomUuid(buf, index + ID_OFFSET);
        }
        buf.setLongLE(index + CHECKSUM_OFFSET, checksum(buf, index, length));
    }

    /**
     * Gives every message of a validated batch whose id is 0 a random UUID v4, as {@link #stamp}
     * would at append. Done before a batch is replicated, so every node stores the same ids.
     *
     * @param messages the batch, messages back to back from the reader index
     * @param count    how many messages it holds
     */
    public static void assignMissingIds(ByteBuf messages, int count) {
        int index = messages.readerIndex();
        for (int i = 0; i < count; i++) {
            if (messages.getLongLE(index + ID_OFFSET) == 0 && messages.getLongLE(index + ID_OFFSET + 8) == 0) {
                setRandomUuid(messages, index + ID_OFFSET);
            }
            index += (int) length(messages, index);
        }
    }

    /**
     * Writes a random UUID v4 whose canonical bytes b0..b15 are the id bytes in order (the u128 LE of
     * the UUID bytes, as Iggy stores it): version nibble in b6, RFC 4122 variant in b8.
     */
    private static void setRandomUuid(ByteBuf buf, int at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Written little-endian, bits 48..55 of the low long are b6 and bits 0..7 of the high long are b8.
        long low = (random.nextLong() & ~(0xFL << 52)) | (0x4L << 52);
        long high = (random.nextLong() & ~0xC0L) | 0x80L;
        buf.setLongLE(at, low);
        buf.setLongLE(at + 8, high);
    }
}
