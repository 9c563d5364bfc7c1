package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iggyj.kernel.command.OffsetChanges;
import org.iggyj.kernel.storage.ConsumerOffsetKind;

/**
 * The payload of a replicated entry that changes one consumer offset already resolved by the node
 * that received the command: a consumer group member's store or delete (membership is that node's
 * knowledge), or a poll's auto-commit. Its {@link ReplicatedEntry#code() code} is {@link #CODE},
 * outside Iggy's command codes, so no client can send one.
 *
 * <pre>
 * offset length field (little-endian)
 *      0      4 stream id
 *      4      4 topic id
 *      8      4 partition id
 *     12      1 kind: 0 regular consumer, 1 consumer group
 *     13      1 op: {@link OffsetChanges.Op} ordinal
 *     14      8 key: consumer key or group id
 *     22      8 offset (0 for a delete)
 * </pre>
 *
 * @param target the offset changed
 * @param op     store, delete or auto-commit
 * @param offset the offset stored
 */
record OffsetEntry(OffsetChanges.Target target, OffsetChanges.Op op, long offset) {

    /** The entry code of an offset change (Iggy's command codes are below 1024). */
    static final int CODE = 0x0001_0001;
    static final int LENGTH = 30;

    /**
     * @param alloc allocator
     * @return this change as an entry payload, owned by the caller
     */
    ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = alloc.heapBuffer(LENGTH);
        out.writeIntLE((int) target.streamId());
        out.writeIntLE((int) target.topicId());
        out.writeIntLE((int) target.partitionId());
        out.writeByte(target.kind() == ConsumerOffsetKind.GROUP ? 1 : 0);
        out.writeByte(op.ordinal());
        out.writeLongLE(target.key());
        out.writeLongLE(offset);
        return out;
    }

    /**
     * @param payload an entry's payload (not moved)
     * @return the change
     * @throws IllegalArgumentException when it is not one
     */
    static OffsetEntry decode(ByteBuffer payload) {
        ByteBuffer in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = in.position();
        OffsetChanges.Op[] ops = OffsetChanges.Op.values();
        int op = in.remaining() < LENGTH ? -1 : in.get(base + 13);
        if (op < 0 || op >= ops.length) {
            throw new IllegalArgumentException("not an offset change");
        }
        ConsumerOffsetKind kind = in.get(base + 12) == 1 ? ConsumerOffsetKind.GROUP : ConsumerOffsetKind.CONSUMER;
        OffsetChanges.Target target = new OffsetChanges.Target(Integer.toUnsignedLong(in.getInt(base)),
                Integer.toUnsignedLong(in.getInt(base + 4)), Integer.toUnsignedLong(in.getInt(base + 8)), kind,
                in.getLong(base + 14));
        return new OffsetEntry(target, ops[op], in.getLong(base + 22));
    }
}
