package org.iggyj.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.iggyj.protocol.IggyException;

/**
 * Where a poll starts: {@code kind u8, value u64} (always 9 bytes).
 *
 * @param kind  the strategy
 * @param value offset, or timestamp in microseconds; ignored (0) for first, last and next
 */
public record PollingStrategy(PollingKind kind, long value) {

    /** Encoded size. */
    public static final int LENGTH = 9;

    /** Rejects a null kind. */
    public PollingStrategy {
        Objects.requireNonNull(kind, "kind");
    }

    /** @return start at {@code offset} */
    public static PollingStrategy offset(long offset) {
        return new PollingStrategy(PollingKind.OFFSET, offset);
    }

    /** @return start at the first message at or after {@code timestampUs} */
    public static PollingStrategy timestamp(long timestampUs) {
        return new PollingStrategy(PollingKind.TIMESTAMP, timestampUs);
    }

    /** @return start at the first stored message */
    public static PollingStrategy first() {
        return new PollingStrategy(PollingKind.FIRST, 0);
    }

    /** @return read the last messages */
    public static PollingStrategy last() {
        return new PollingStrategy(PollingKind.LAST, 0);
    }

    /** @return continue after the stored consumer offset */
    public static PollingStrategy next() {
        return new PollingStrategy(PollingKind.NEXT, 0);
    }

    /** Writes at the writer index. */
    public void write(ByteBuf out) {
        out.writeByte(kind.code());
        out.writeLongLE(value);
    }

    /**
     * @throws IggyException {@link org.iggyj.protocol.ErrorCode#INVALID_COMMAND} for an unknown kind or truncation
     */
    public static PollingStrategy read(ByteBuf buf) {
        WireReader.require(buf, LENGTH, "polling strategy");
        PollingKind kind = PollingKind.fromCode(buf.readUnsignedByte());
        return new PollingStrategy(kind, buf.readLongLE());
    }
}
