package org.iggyj.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * The partition choice of a send_messages request.
 *
 * <pre>
 * kind   u8   1 = balanced, 2 = partition_id, 3 = messages_key
 * length u8   balanced: 0; partition_id: 4; messages_key: 1..255
 * value       partition_id: u32; messages_key: raw key bytes
 * </pre>
 *
 * @param kind        the strategy
 * @param partitionId the partition for {@link PartitioningKind#PARTITION_ID}, else 0
 * @param key         the key for {@link PartitioningKind#MESSAGES_KEY}, else an empty array; not copied,
 *                    so callers must not modify it
 */
public record Partitioning(PartitioningKind kind, long partitionId, byte[] key) {

    private static final byte[] NO_KEY = new byte[0];
    private static final Partitioning BALANCED = new Partitioning(PartitioningKind.BALANCED, 0, NO_KEY);

    /** Checks the combination of kind and value. */
    public Partitioning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (kind == PartitioningKind.MESSAGES_KEY && (key.length == 0 || key.length > 255)) {
            throw new IllegalArgumentException("messages key must be 1..255 bytes");
        }
        if (kind != PartitioningKind.MESSAGES_KEY && key.length != 0) {
            throw new IllegalArgumentException("only messages_key partitioning carries a key");
        }
        if (partitionId < 0 || partitionId > 0xFFFF_FFFFL
                || (kind != PartitioningKind.PARTITION_ID && partitionId != 0)) {
            throw new IllegalArgumentException("bad partition id " + partitionId + " for " + kind);
        }
    }

    /** @return round-robin partitioning */
    public static Partitioning balanced() {
        return BALANCED;
    }

    /** @return an explicit 0-based partition */
    public static Partitioning partitionId(long id) {
        return new Partitioning(PartitioningKind.PARTITION_ID, id, NO_KEY);
    }

    /** @return key-hash partitioning; the array is kept, not copied */
    public static Partitioning messagesKey(byte[] key) {
        return new Partitioning(PartitioningKind.MESSAGES_KEY, 0, key);
    }

    /** @return the encoded size */
    public int encodedLength() {
        return 2 + switch (kind) {
            case BALANCED -> 0;
            case PARTITION_ID -> 4;
            case MESSAGES_KEY -> key.length;
        };
    }

    /** Writes at the writer index. */
    public void write(ByteBuf out) {
        out.writeByte(kind.code());
        switch (kind) {
            case BALANCED -> out.writeByte(0);
            case PARTITION_ID -> {
                out.writeByte(4);
                out.writeIntLE((int) partitionId);
            }
            case MESSAGES_KEY -> {
                out.writeByte(key.length);
                out.writeBytes(key);
            }
        }
    }

    /**
     * @throws IggyException {@link ErrorCode#INVALID_COMMAND} for an unknown kind, a length that does not
     *                       fit the kind, or truncation
     */
    public static Partitioning read(ByteBuf buf) {
        PartitioningKind kind = PartitioningKind.fromCode(WireReader.u8(buf));
        int length = WireReader.u8(buf);
        return switch (kind) {
            case BALANCED -> {
                requireLength(length == 0, length, kind);
                yield BALANCED;
            }
            case PARTITION_ID -> {
                requireLength(length == 4, length, kind);
                yield partitionId(WireReader.u32(buf));
            }
            case MESSAGES_KEY -> {
                requireLength(length > 0, length, kind);
                yield messagesKey(WireReader.bytes(buf, length));
            }
        };
    }

    private static void requireLength(boolean ok, int length, PartitioningKind kind) {
        if (!ok) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "partitioning " + kind + " with length " + length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partitioning p && kind == p.kind && partitionId == p.partitionId
                && Arrays.equals(key, p.key);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + Long.hashCode(partitionId)) * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BALANCED -> "balanced";
            case PARTITION_ID -> "partition " + partitionId;
            case MESSAGES_KEY -> "key " + HexFormat.of().formatHex(key);
        };
    }
}
