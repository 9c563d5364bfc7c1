package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Several sends coalesced into one Raft entry by the leader ({@link SendCoalescer}): each keeps its own
 * {@link SendEntry} header (origin, sequence, user, time, partition, count, and the base offset and
 * barrier the leader fixes), so each is ordered, written, published and answered as if it had its own
 * entry; only the Raft transaction, the log write, the flush and the apply hand-off are shared. Sends are
 * in arrival order, so sends to one partition keep their order.
 *
 * <pre>
 * offset          length field
 *      0               1 version (3)
 *      1               3 reserved (0)
 *      4               4 send count n, u32 LE
 *      8        n * 80 the sends' headers, each a {@link SendEntry} header (version 2 layout); a base
 *                          offset of -1 after ordering: the leader refused that send (its partition
 *                          is gone), no member writes it and its client gets partition_not_found
 *  8 + n*80          ... data: the sends' messages areas one after the other, each as long as its
 *                          header says (not logged)
 * </pre>
 */
final class MultiSendEntry {

    static final byte VERSION = 3;
    static final int COUNT_OFFSET = 4;
    static final int SENDS_OFFSET = 8;
    /** Bounds a header's size and lets {@link SegmentSends} number a send within its entry. */
    static final int MAX_SENDS = 1024;

    private MultiSendEntry() {
    }

    /** @return whether {@code entry} (from its position) is a multi-send */
    static boolean is(ByteBuffer entry) {
        return entry.remaining() >= SENDS_OFFSET && entry.get(entry.position()) == VERSION;
    }

    /** @param entry a multi-send from its position @return how many sends it holds */
    static int count(ByteBuffer entry) {
        return entry.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(entry.position() + COUNT_OFFSET);
    }

    /** @return the length of the logged part of a multi-send of {@code count} sends */
    static int headerLength(int count) {
        return SENDS_OFFSET + count * SendEntry.HEADER_LENGTH;
    }

    /**
     * @param header a multi-send's logged part, from its position (not moved)
     * @param i      which send
     * @return a view of send {@code i}'s header, writable when {@code header} is
     */
    static ByteBuffer send(ByteBuffer header, int i) {
        int from = header.position() + SENDS_OFFSET + i * SendEntry.HEADER_LENGTH;
        return header.duplicate().position(from).limit(from + SendEntry.HEADER_LENGTH).slice();
    }

    /**
     * @param sends single-send entries ({@link SendEntry#encode}), header then data each (not consumed)
     * @return the multi-send, headers then data, in an exact unpooled heap array (see
     *         {@link SendEntry#encode} for why), owned by the caller
     */
    static ByteBuf encode(List<ByteBuf> sends) {
        int length = headerLength(sends.size());
        for (ByteBuf s : sends) {
            length += s.readableBytes() - SendEntry.HEADER_LENGTH;
        }
        ByteBuf out = Unpooled.wrappedBuffer(new byte[length]).clear();
        out.writeByte(VERSION).writeZero(3);
        out.writeIntLE(sends.size());
        for (ByteBuf s : sends) {
            out.writeBytes(s, s.readerIndex(), SendEntry.HEADER_LENGTH);
        }
        for (ByteBuf s : sends) {
            out.writeBytes(s, s.readerIndex() + SendEntry.HEADER_LENGTH, s.readableBytes() - SendEntry.HEADER_LENGTH);
        }
        return out;
    }
}
