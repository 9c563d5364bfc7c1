package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.iggyj.kernel.metadata.MemberKey;

/**
 * The payload of a replicated entry that changes consumer group member lists, already resolved by
 * the node that received the command (permission and group checked there). Every node applies it
 * in log order to the same lists, so every node computes the same partition assignment. Its
 * {@link ReplicatedEntry#code() code} is {@link #CODE}, outside Iggy's command codes, so no client
 * can send one.
 *
 * <pre>
 * offset length field (little-endian)
 *      0      1 op: {@link Op} ordinal
 *      1      4 stream id   (JOIN, LEAVE; else 0)
 *      5      4 topic id    (JOIN, LEAVE; else 0)
 *      9      4 group id    (JOIN, LEAVE; else 0)
 *     13      8 member key's instance id (DROP_OTHER_INSTANCES: the instance kept; DROP_NODE: the
 *               instance dropped, 0 for every instance of the node as entries before it was added)
 *     21      8 member key's session serial (DROP_*: 0)
 *     29      2 n = node name length in bytes
 *     31      n node name, UTF-8
 * </pre>
 *
 * @param op       what changes
 * @param streamId numeric stream id
 * @param topicId  numeric topic id
 * @param groupId  numeric group id
 * @param key      the member (DROP_*: the node, and for DROP_OTHER_INSTANCES the instance kept, for
 *                 DROP_NODE the instance dropped or 0 for all)
 */
record MembershipEntry(Op op, long streamId, long topicId, long groupId, MemberKey key) {

    /** The entry code of a membership change (Iggy's command codes are below 1024). */
    static final int CODE = 0x0001_0002;
    private static final int NAME_OFFSET = 31;

    /** What a membership entry does. The order is part of the entry: only append. */
    enum Op {
        /** join_consumer_group of one member. */
        JOIN,
        /** leave_consumer_group of one member. */
        LEAVE,
        /** The member's connection closed: it leaves every group. */
        LEAVE_ALL,
        /** A node restarted: members of its earlier processes leave every group. */
        DROP_OTHER_INSTANCES,
        /**
         * A node has been unreachable too long: the members of one of its processes (or, instance 0,
         * all of its members) leave every group.
         */
        DROP_NODE
    }

    /**
     * @param alloc allocator
     * @return this change as an entry payload, owned by the caller
     */
    ByteBuf encode(ByteBufAllocator alloc) {
        byte[] node = key.node().getBytes(StandardCharsets.UTF_8);
        ByteBuf out = alloc.heapBuffer(NAME_OFFSET + node.length);
        out.writeByte(op.ordinal());
        out.writeIntLE((int) streamId);
        out.writeIntLE((int) topicId);
        out.writeIntLE((int) groupId);
        out.writeLongLE(key.instance());
        out.writeLongLE(key.session());
        out.writeShortLE(node.length);
        out.writeBytes(node);
        return out;
    }

    /**
     * @param payload an entry's payload (not moved)
     * @return the change
     * @throws IllegalArgumentException when it is not one
     */
    static MembershipEntry decode(ByteBuffer payload) {
        ByteBuffer in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = in.position();
        Op[] ops = Op.values();
        int op = in.remaining() < NAME_OFFSET ? -1 : in.get(base);
        int nameLength = op < 0 ? 0 : Short.toUnsignedInt(in.getShort(base + 29));
        if (op < 0 || op >= ops.length || in.remaining() < NAME_OFFSET + nameLength) {
            throw new IllegalArgumentException("not a membership change");
        }
        byte[] node = new byte[nameLength];
        in.get(base + NAME_OFFSET, node);
        MemberKey key = new MemberKey(new String(node, StandardCharsets.UTF_8), in.getLong(base + 13),
                in.getLong(base + 21));
        return new MembershipEntry(ops[op], Integer.toUnsignedLong(in.getInt(base + 1)),
                Integer.toUnsignedLong(in.getInt(base + 5)), Integer.toUnsignedLong(in.getInt(base + 9)), key);
    }
}
