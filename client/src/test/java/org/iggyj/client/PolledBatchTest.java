package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.response.ResponseWriter;
import org.junit.jupiter.api.Test;

class PolledBatchTest {

    @Test
    void shouldSummariseMessagesWithoutMovingIndexes() {
        ByteBuf reply = Unpooled.buffer();
        ResponseWriter.pollHeader(reply, 2, 11, 2);
        message(reply, 10, 500L, 3, 4);
        message(reply, 11, 600L, 5, 0);
        PolledBatch batch = PolledBatch.decode(reply);
        assertEquals(2, batch.partitionId());
        assertEquals(11, batch.currentOffset());
        assertEquals(2, batch.count());
        assertEquals(10, batch.firstOffset());
        assertEquals(11, batch.lastOffset());
        assertEquals(500L, batch.firstOriginTimestampUs());
        assertEquals(8, batch.payloadBytes());
        assertEquals(64 + 3 + 4 + 64 + 5, batch.messageBytes());
        assertEquals(0, reply.readerIndex());
        reply.release();
    }

    @Test
    void shouldSummariseAReplySlicedOutOfALargerDirectBuffer() {
        // As the response handler passes it: a slice after the 8-byte reply header of a direct read buffer.
        ByteBuf read = Unpooled.directBuffer();
        read.writeLongLE(-1L);
        ResponseWriter.pollHeader(read, 1, 21, 2);
        message(read, 20, 700L, 7, 2);
        message(read, 21, 800L, 9, 0);
        read.writeLongLE(-1L);
        ByteBuf reply = read.slice(8, read.readableBytes() - 16);
        reply.readerIndex(0);
        PolledBatch batch = PolledBatch.decode(reply);
        assertEquals(1, batch.partitionId());
        assertEquals(20, batch.firstOffset());
        assertEquals(21, batch.lastOffset());
        assertEquals(700L, batch.firstOriginTimestampUs());
        assertEquals(16, batch.payloadBytes());
        assertEquals(64 + 7 + 2 + 64 + 9, batch.messageBytes());
        ByteBuf offsetStart = read.slice(0, read.readableBytes() - 8).readerIndex(8);
        assertEquals(batch, PolledBatch.decode(offsetStart));
        read.release();
    }

    @Test
    void shouldReportAnEmptyPoll() {
        ByteBuf reply = Unpooled.buffer();
        ResponseWriter.pollHeader(reply, 0, 0, 0);
        PolledBatch batch = PolledBatch.decode(reply);
        assertTrue(batch.isEmpty());
        assertEquals(-1, batch.firstOffset());
        reply.release();
    }

    @Test
    void shouldRejectATruncatedReply() {
        ByteBuf reply = Unpooled.buffer();
        ResponseWriter.pollHeader(reply, 0, 5, 1);
        message(reply, 5, 1L, 10, 0);
        ByteBuf cut = reply.slice(0, reply.readableBytes() - 1);
        IggyClientException e = assertThrows(IggyClientException.class, () -> PolledBatch.decode(cut));
        assertEquals(ErrorCode.INVALID_FORMAT, e.errorCode());
        reply.release();
    }

    @Test
    void shouldRejectAReplyWhoseOffsetsSkip() {
        ByteBuf reply = Unpooled.buffer();
        ResponseWriter.pollHeader(reply, 0, 9, 2);
        message(reply, 5, 1L, 10, 0);
        message(reply, 7, 1L, 10, 0);
        IggyClientException e = assertThrows(IggyClientException.class, () -> PolledBatch.decode(reply));
        assertEquals(ErrorCode.INVALID_FORMAT, e.errorCode());
        reply.release();
    }

    @Test
    void shouldReadBothLengthsAsUnsigned() {
        // Both u32 lengths come from one u64 read: a length with its top bit set must count as > 2 GiB
        // (truncated), never as a negative size that moves the walk backwards.
        for (int field : new int[] {MessageLayout.USER_HEADERS_LENGTH_OFFSET, MessageLayout.PAYLOAD_LENGTH_OFFSET}) {
            ByteBuf reply = Unpooled.buffer();
            ResponseWriter.pollHeader(reply, 0, 5, 2);
            message(reply, 5, 1L, 10, 0);
            reply.setIntLE(16 + field, 0xFFFF_FFC0);
            message(reply, 6, 1L, 10, 0);
            IggyClientException e = assertThrows(IggyClientException.class, () -> PolledBatch.decode(reply));
            assertEquals(ErrorCode.INVALID_FORMAT, e.errorCode());
            assertTrue(e.getMessage().contains("shorter than its headers say"), e.getMessage());
            reply.release();
        }
    }

    private static void message(ByteBuf out, long offset, long originUs, int payload, int headers) {
        int start = out.writerIndex();
        out.writeZero(MessageLayout.HEADER_LENGTH + payload + headers);
        out.setLongLE(start + MessageLayout.OFFSET_OFFSET, offset);
        out.setLongLE(start + MessageLayout.ORIGIN_TIMESTAMP_OFFSET, originUs);
        out.setIntLE(start + MessageLayout.USER_HEADERS_LENGTH_OFFSET, headers);
        out.setIntLE(start + MessageLayout.PAYLOAD_LENGTH_OFFSET, payload);
    }
}
