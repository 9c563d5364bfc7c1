package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import net.openhft.hashing.LongHashFunction;

/**
 * Layout of one stored message, identical on disk ({@code .log}) and in a poll response, and the
 * stamping the server applies at append. All integers little-endian.
 *
 * <pre>
 * offset size field
 *      0    8 checksum            XXH3-64 (seed 0) of bytes [8, end of message)
 *      8   16 id                  u128; 0 on send = server assigns a random UUID v4
 *     24    8 offset              u64, assigned by the server (partition offset)
 *     32    8 timestamp           u64 µs, server append time, same for all messages of one append
 *     40    8 origin_timestamp    u64 µs, as sent by the client
 *     48    4 user_headers_length u32
 *     52    4 payload_length      u32
 *     56    8 reserved            u64, stored as sent
 *     64    P payload
 *   64+P    H user headers
 * </pre>
 *
 * Message length = 64 + P + H. Stateless; the static methods are safe from any thread on buffers
 * that thread owns. No method allocates when the buffer has a memory address or a backing array.
 */
public final class MessageFrame {

    public static final int CHECKSUM_OFFSET = 0;
    public static final int ID_OFFSET = 8;
    public static final int ID_LENGTH = 16;
    public static final int OFFSET_OFFSET = 24;
    public static final int TIMESTAMP_OFFSET = 32;
    public static final int ORIGIN_TIMESTAMP_OFFSET = 40;
    public static final int USER_HEADERS_LENGTH_OFFSET = 48;
    public static final int PAYLOAD_LENGTH_OFFSET = 52;
    public static final int RESERVED_OFFSET = 56;
    public static final int HEADER_LENGTH = 64;
    /** The checksum covers everything after itself. */
    public static final int CHECKSUM_START = ID_OFFSET;

    /**
     * Sanity bound on a stored message during recovery (64 MB payload limit + 100 KB user headers
     * + room for encryption overhead): a length field beyond it marks the frame as corrupt.
     */
    static final long MAX_MESSAGE_LENGTH = 128L << 20;

    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private MessageFrame() {
    }

    /** Length of the message whose header starts at {@code index}, as a long (the fields are u32). */
    public static long length(ByteBuf buf, int index) {
        return HEADER_LENGTH + buf.getUnsignedIntLE(index + PAYLOAD_LENGTH_OFFSET)
            + buf.getUnsignedIntLE(index + USER_HEADERS_LENGTH_OFFSET);
    }

    /**
     * XXH3-64 of bytes {@code [index + 8, index + length)} of {@code buf}, hashed in place: through
     * the memory address of a direct buffer, the backing array of a heap buffer, or an NIO view
     * (only composite buffers spanning components fall back to a copy).
     */
    public static long checksum(ByteBuf buf, int index, int length) {
        int from = index + CHECKSUM_START;
        int len = length - CHECKSUM_START;
        if (buf.hasMemoryAddress()) {
            return XXH3.hashMemory(buf.memoryAddress() + from, len);
        }
        if (buf.hasArray()) {
            return XXH3.hashBytes(buf.array(), buf.arrayOffset() + from, len);
        }
        ByteBuffer view = buf.nioBufferCount() == 1 ? buf.internalNioBuffer(from, len) : buf.nioBuffer(from, len);
        return XXH3.hashBytes(view, view.position(), len);
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
