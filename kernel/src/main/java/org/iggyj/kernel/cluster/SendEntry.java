package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iggyj.protocol.CommandCode;

/**
 * A send as it travels when the engine keeps message bytes out of its log ({@code replication.message_bytes
 * = "segments"}, docs/cluster.md, "Message bytes and the Raft log"): a fixed header, logged, and the
 * messages area of the request, which each member writes into the partition's segments
 * ({@link SegmentSends}). The partition is resolved by the receiving node; the leader fixes the base
 * offset and the barrier when it orders the entry.
 *
 * <pre>
 * offset length field
 *      0      1 version (2)
 *      1      3 reserved (0)
 *      4      4 command code (send_messages), u32 LE
 *      8      8 origin: the submitting process's random instance id, u64 LE
 *     16      8 request sequence within that origin, u64 LE
 *     24      4 user id of the client's session, u32 LE
 *     28      8 time, µs since the epoch on the origin's clock, u64 LE
 *     36      4 stream id, u32 LE
 *     40      4 topic id, u32 LE
 *     44      4 partition id, u32 LE
 *     48      8 the partition's creation time, µs (tells a re-created partition from the one meant)
 *     56      4 message count, u32 LE
 *     60      8 base offset, set by the leader, u64 LE
 *     68      8 barrier: index of the last entry before this one that reshapes partitions, set by
 *               the leader (a member that has not applied it yet cannot write the bytes in place)
 *     76      4 data length in bytes, u32 LE
 *     80    ... data: the request's messages area (not logged)
 * </pre>
 *
 * @param origin      the submitting process's instance id
 * @param sequence    the request's sequence number at its origin
 * @param userId      the user the command runs as
 * @param timeUs      the pinned time
 * @param streamId    the stream
 * @param topicId     the topic
 * @param partitionId the partition
 * @param createdAtUs the partition's creation time
 * @param count       messages in the batch
 * @param baseOffset  the first message's offset
 * @param barrier     the barrier index
 * @param dataLength  bytes of the messages area
 */
record SendEntry(long origin, long sequence, long userId, long timeUs, long streamId, long topicId, long partitionId,
                 long createdAtUs, int count, long baseOffset, long barrier, long dataLength) {

    static final byte VERSION = 2;
    static final int HEADER_LENGTH = 80;
    private static final int STREAM_OFFSET = 36;
    private static final int TOPIC_OFFSET = 40;
    private static final int PARTITION_OFFSET = 44;
    private static final int CREATED_OFFSET = 48;
    private static final int COUNT_OFFSET = 56;
    private static final int BASE_OFFSET = 60;
    private static final int BARRIER_OFFSET = 68;
    private static final int LENGTH_OFFSET = 76;

    /** @return whether {@code entry} (from its position) is a send with its data split off */
    static boolean is(ByteBuffer entry) {
        return entry.remaining() >= HEADER_LENGTH && entry.get(entry.position()) == VERSION;
    }

    /**
     * @param messages the request's messages area (not consumed)
     * @return the entry, header then data, owned by the caller
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static ByteBuf encode(long origin, long sequence, long userId, long timeUs, long streamId,
                          long topicId, long partitionId, long createdAtUs, int count, ByteBuf messages) {
        // An exact, unpooled heap array: a replicator that must keep the bytes past its reply (Ratis's
        // log cache does) adopts the array instead of copying it (Replicator#submit); nothing else
        // ever reuses it.
        ByteBuf out = Unpooled.wrappedBuffer(new byte[HEADER_LENGTH + messages.readableBytes()]).clear();
        out.writeByte(VERSION).writeZero(3);
        out.writeIntLE(CommandCode.SEND_MESSAGES);
        out.writeLongLE(origin);
        out.writeLongLE(sequence);
        out.writeIntLE((int) userId);
        out.writeLongLE(timeUs);
        out.writeIntLE((int) streamId);
        out.writeIntLE((int) topicId);
        out.writeIntLE((int) partitionId);
        out.writeLongLE(createdAtUs);
        out.writeIntLE(count);
        out.writeLongLE(-1);
        out.writeLongLE(-1);
        out.writeIntLE(messages.readableBytes());
        out.writeBytes(messages, messages.readerIndex(), messages.readableBytes());
        return out;
    }

    /** @param header a header from its position (not moved) */
    static SendEntry decode(ByteBuffer header) {
        ByteBuffer in = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int b = in.position();
        return new SendEntry(in.getLong(b + ReplicatedEntry.ORIGIN_OFFSET), in.getLong(b + ReplicatedEntry.SEQUENCE_OFFSET),
                Integer.toUnsignedLong(in.getInt(b + ReplicatedEntry.USER_OFFSET)), in.getLong(b + ReplicatedEntry.TIME_OFFSET),
                Integer.toUnsignedLong(in.getInt(b + STREAM_OFFSET)), Integer.toUnsignedLong(in.getInt(b + TOPIC_OFFSET)),
                Integer.toUnsignedLong(in.getInt(b + PARTITION_OFFSET)), in.getLong(b + CREATED_OFFSET),
                in.getInt(b + COUNT_OFFSET), in.getLong(b + BASE_OFFSET), in.getLong(b + BARRIER_OFFSET),
                Integer.toUnsignedLong(in.getInt(b + LENGTH_OFFSET)));
    }

    /** Writes what the leader fixes into a writable header, in place. */
    static void order(ByteBuffer header, long baseOffset, long barrier) {
        ByteBuffer out = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int b = out.position();
        out.putLong(b + BASE_OFFSET, baseOffset);
        out.putLong(b + BARRIER_OFFSET, barrier);
    }
}
