package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.MessageLayout;

/**
 * What a poll returned, summarised without building message objects: the reply is walked header by
 * header (sizes and offset continuity checked; checksums are not verified) and released.
 *
 * <pre>
 * reply payload: partition_id u32, current_offset u64, count u32, then count message frames
 * ({@link MessageLayout}) back to back
 * </pre>
 *
 * @param partitionId               the partition read
 * @param currentOffset             the partition's last offset at the time of the poll
 * @param count                     messages returned
 * @param firstOffset               offset of the first message (-1 when empty)
 * @param lastOffset                offset of the last message (-1 when empty)
 * @param firstOriginTimestampUs    origin timestamp of the first message (0 when empty)
 * @param payloadBytes              sum of payload lengths
 * @param messageBytes              sum of whole message frames (headers, payloads, user headers)
 */
public record PolledBatch(long partitionId, long currentOffset, int count, long firstOffset, long lastOffset,
                          long firstOriginTimestampUs, long payloadBytes, long messageBytes) {

    private static final int HEAD_LENGTH = 16;

    /** @return whether no message came back */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Summarises a poll_messages reply.
     *
     * @param payload the reply payload; borrowed, indexes untouched
     * @return the summary
     * @throws IggyClientException when the reply is shorter than its headers say, or its messages' offsets
     *                             do not follow one another (a poll returns a contiguous run)
     */
    public static PolledBatch decode(ByteBuf payload) {
        int start = payload.readerIndex();
        int end = payload.writerIndex();
        if (end - start < HEAD_LENGTH) {
            throw truncated();
        }
        long partitionId = payload.getUnsignedIntLE(start);
        long currentOffset = payload.getLongLE(start + 4);
        int count = payload.getIntLE(start + 12);
        long firstOffset = -1;
        long lastOffset = -1;
        long firstOrigin = 0;
        long payloadBytes = 0;
        int position = start + HEAD_LENGTH;
        for (int i = 0; i < count; i++) {
            if (end - position < MessageLayout.HEADER_LENGTH) {
                throw truncated();
            }
            // Two reads per message, not four: the u32 user-headers and payload lengths are adjacent, so one
            // u64 holds both. Each ByteBuf read is some ten calls deep, and the first replies of a consumer
            // walk their 10,240 headers in the interpreter before the JIT compiles this loop, on the event
            // loop that reads the socket: halving the reads halves that start-up cost
            // (docs/benchmarks-history.md, "Fifteenth session (issue #11): consume p1").
            long offset = payload.getLongLE(position + MessageLayout.OFFSET_OFFSET);
            long lengths = payload.getLongLE(position + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
            long payloadLength = lengths >>> 32;
            long size = MessageLayout.HEADER_LENGTH + payloadLength + (lengths & 0xFFFF_FFFFL);
            if (size > end - position) {
                throw truncated();
            }
            if (i > 0 && offset != lastOffset + 1) {
                throw new IggyClientException(ErrorCode.INVALID_FORMAT, "poll reply not contiguous: offset "
                        + offset + " after " + lastOffset);
            }
            lastOffset = offset;
            if (i == 0) {
                firstOffset = lastOffset;
                firstOrigin = payload.getLongLE(position + MessageLayout.ORIGIN_TIMESTAMP_OFFSET);
            }
            payloadBytes += payloadLength;
            position += (int) size;
        }
        long messageBytes = position - start - HEAD_LENGTH;
        return new PolledBatch(partitionId, currentOffset, count, firstOffset, lastOffset, firstOrigin,
                payloadBytes, messageBytes);
    }

    private static IggyClientException truncated() {
        return new IggyClientException(ErrorCode.INVALID_FORMAT, "poll reply shorter than its headers say");
    }
}
