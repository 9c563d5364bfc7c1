package org.iggyj.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian writes of the protocol's length-prefixed strings, at the writer index. Stateless.
 */
public final class WireWriter {

    private WireWriter() {
    }

    /**
     * Writes a {@code Name} or {@code Str8}: {@code u8} length + UTF-8.
     *
     * @throws IllegalArgumentException if the text is longer than 255 UTF-8 bytes
     */
    public static void name(ByteBuf out, String s) {
        int length = ByteBufUtil.utf8Bytes(s);
        if (length > 255) {
            throw new IllegalArgumentException("name longer than 255 bytes: " + length);
        }
        out.writeByte(length);
        out.writeCharSequence(s, StandardCharsets.UTF_8);
    }

    /** Writes a {@code Str32}: {@code u32} length + UTF-8. */
    public static void str32(ByteBuf out, String s) {
        out.writeIntLE(ByteBufUtil.utf8Bytes(s));
        out.writeCharSequence(s, StandardCharsets.UTF_8);
    }

    /** Writes a {@code u32} from the low 32 bits of {@code value}. */
    public static void u32(ByteBuf out, long value) {
        out.writeIntLE((int) value);
    }

    /** Writes a {@code bool} as 0 or 1. */
    public static void bool(ByteBuf out, boolean value) {
        out.writeByte(value ? 1 : 0);
    }

    /** Writes an {@code OptPartition}: flag 1 + id, or 0 + 0 for {@link WireReader#NO_PARTITION}. */
    public static void optPartition(ByteBuf out, long partitionId) {
        boolean present = partitionId != WireReader.NO_PARTITION;
        out.writeByte(present ? 1 : 0);
        out.writeIntLE(present ? (int) partitionId : 0);
    }
}
