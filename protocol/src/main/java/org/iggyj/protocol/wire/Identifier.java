package org.iggyj.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * An entity reference: a numeric id or a name (stream name, topic name in its stream, group name in its
 * topic, username).
 *
 * <pre>
 * kind   u8   1 = numeric, 2 = string
 * length u8   numeric: 4; string: 1..255
 * value       numeric: u32; string: UTF-8
 * </pre>
 *
 * @param numericId the id (0..2^32-1) when numeric, -1 when named
 * @param name      the name when named, {@code null} when numeric
 */
public record Identifier(long numericId, String name) {

    /** Wire kind of a numeric identifier. */
    public static final int KIND_NUMERIC = 1;
    /** Wire kind of a string identifier. */
    public static final int KIND_STRING = 2;

    private static final long MAX_U32 = 0xFFFF_FFFFL;

    /** Validates the invariants above. */
    public Identifier {
        if (name == null) {
            if (numericId < 0 || numericId > MAX_U32) {
                throw new IllegalArgumentException("numeric identifier out of u32 range: " + numericId);
            }
        } else {
            int length = ByteBufUtil.utf8Bytes(name);
            if (numericId != -1 || length == 0 || length > 255) {
                throw new IllegalArgumentException("string identifier must be 1..255 UTF-8 bytes");
            }
        }
    }

    /** @return a numeric identifier (0..2^32-1) */
    public static Identifier numeric(long id) {
        return new Identifier(id, null);
    }

    /** @return a string identifier (1..255 UTF-8 bytes) */
    public static Identifier named(String name) {
        return new Identifier(-1, name);
    }

    /** @return whether this addresses by numeric id */
    public boolean isNumeric() {
        return name == null;
    }

    /** @return the number of bytes {@link #write(ByteBuf)} writes */
    public int encodedLength() {
        return 2 + (name == null ? 4 : ByteBufUtil.utf8Bytes(name));
    }

    /** Writes this identifier at the writer index. */
    public void write(ByteBuf out) {
        if (name == null) {
            out.writeByte(KIND_NUMERIC);
            out.writeByte(4);
            out.writeIntLE((int) numericId);
        } else {
            out.writeByte(KIND_STRING);
            out.writeByte(ByteBufUtil.utf8Bytes(name));
            out.writeCharSequence(name, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads an identifier of a control command.
     *
     * @throws IggyException {@link ErrorCode#INVALID_FORMAT} for a numeric length other than 4 or an empty
     *                       name; {@link ErrorCode#INVALID_COMMAND} for an unknown kind, truncation or bad UTF-8
     */
    public static Identifier read(ByteBuf buf) {
        int kind = WireReader.u8(buf);
        int length = WireReader.u8(buf);
        switch (kind) {
            case KIND_NUMERIC -> {
                if (length != 4) {
                    throw new IggyException(ErrorCode.INVALID_FORMAT, "numeric identifier of length " + length);
                }
                return numeric(WireReader.u32(buf));
            }
            case KIND_STRING -> {
                if (length == 0) {
                    throw new IggyException(ErrorCode.INVALID_FORMAT, "empty string identifier");
                }
                return named(WireReader.utf8(buf, length));
            }
            default -> throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown identifier kind " + kind);
        }
    }

    /**
     * Reads an identifier in send_messages metadata, where the 0.8 server reports every malformation the
     * same way.
     *
     * @throws IggyException {@link ErrorCode#INVALID_IDENTIFIER} for any problem
     */
    public static Identifier readInSendMetadata(ByteBuf buf) {
        try {
            return read(buf);
        } catch (IggyException e) {
            throw new IggyException(ErrorCode.INVALID_IDENTIFIER, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name == null ? Long.toString(numericId) : name;
    }
}
