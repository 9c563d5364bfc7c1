package org.iggyj.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * Bounds-checked little-endian reads of the protocol's primitive types, each consuming from the reader
 * index. Running out of bytes throws {@link IggyException} with {@link ErrorCode#INVALID_COMMAND}, as the
 * Iggy 0.8 decoders do for a truncated payload; the reader index is then unspecified.
 *
 * <p>Unsigned 32-bit values come back as {@code long} (never negative). Stateless; safe on any thread.
 */
public final class WireReader {

    /** What {@link #optPartition(ByteBuf)} returns when the partition is absent. */
    public static final long NO_PARTITION = -1L;

    private WireReader() {
    }

    /**
     * Fails with {@link ErrorCode#INVALID_COMMAND} unless {@code n} bytes are readable.
     *
     * @param buf the payload
     * @param n   bytes the next field needs
     * @param what field name for the log message
     */
    public static void require(ByteBuf buf, long n, String what) {
        if (buf.readableBytes() < n) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "truncated payload reading " + what);
        }
    }

    /** @return the next {@code u8} (0..255) */
    public static int u8(ByteBuf buf) {
        require(buf, 1, "u8");
        return buf.readUnsignedByte();
    }

    /** @return the next {@code u16} (0..65535) */
    public static int u16(ByteBuf buf) {
        require(buf, 2, "u16");
        return buf.readUnsignedShortLE();
    }

    /** @return the next {@code u32} (0..2^32-1) */
    public static long u32(ByteBuf buf) {
        require(buf, 4, "u32");
        return buf.readUnsignedIntLE();
    }

    /** @return the next {@code u64}, as Java's two's-complement bits (u64::MAX reads as -1) */
    public static long u64(ByteBuf buf) {
        require(buf, 8, "u64");
        return buf.readLongLE();
    }

    /** @return the next {@code bool}: any non-zero byte is true, as the 0.8 server decodes it */
    public static boolean bool(ByteBuf buf) {
        return u8(buf) != 0;
    }

    /**
     * Reads a {@code Name}: {@code u8} length (1..255) + UTF-8.
     *
     * @return the name
     * @throws IggyException {@link ErrorCode#INVALID_FORMAT} for length 0, {@link ErrorCode#INVALID_COMMAND}
     *                       when truncated or not UTF-8
     */
    public static String name(ByteBuf buf) {
        int length = u8(buf);
        if (length == 0) {
            throw new IggyException(ErrorCode.INVALID_FORMAT, "empty name");
        }
        return utf8(buf, length);
    }

    /** @return a {@code Str8}: {@code u8} length (0..255) + UTF-8 */
    public static String str8(ByteBuf buf) {
        return utf8(buf, u8(buf));
    }

    /** @return a {@code Str32}: {@code u32} length + UTF-8 */
    public static String str32(ByteBuf buf) {
        return utf8(buf, u32(buf));
    }

    /**
     * Reads an {@code OptPartition}: a presence flag (exactly 1 = present) and a u32 that is always there.
     *
     * @return the partition id, or {@link #NO_PARTITION} when the flag is not 1
     */
    public static long optPartition(ByteBuf buf) {
        require(buf, 5, "optional partition");
        boolean present = buf.readUnsignedByte() == 1;
        long id = buf.readUnsignedIntLE();
        return present ? id : NO_PARTITION;
    }

    /**
     * Reads {@code length} bytes as strict UTF-8.
     *
     * @return the decoded text
     * @throws IggyException {@link ErrorCode#INVALID_COMMAND} when truncated or malformed
     */
    public static String utf8(ByteBuf buf, long length) {
        require(buf, length, "string");
        int len = (int) length;
        int index = buf.readerIndex();
        if (!ByteBufUtil.isText(buf, index, len, StandardCharsets.UTF_8)) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "invalid UTF-8");
        }
        String s = buf.toString(index, len, StandardCharsets.UTF_8);
        buf.skipBytes(len);
        return s;
    }

    /**
     * Reads {@code length} raw bytes into a new array.
     *
     * @return the bytes
     */
    public static byte[] bytes(ByteBuf buf, long length) {
        require(buf, length, "bytes");
        byte[] b = new byte[(int) length];
        buf.readBytes(b);
        return b;
    }
}
