package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.request.SendMessagesRequest;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    @Test
    void shouldEncodeABatchTheServerValidatorAccepts() {
        BatchWriter writer = new BatchWriter(3, 5);
        ByteBuf batch = writer.encode(Unpooled.buffer().alloc(), 42L);
        ByteBuf payload = Unpooled.buffer();
        try {
            assertEquals(writer.encodedLength(), batch.readableBytes());
            Identifier stream = Identifier.numeric(1);
            Identifier topic = Identifier.named("t");
            Partitioning partitioning = Partitioning.balanced();
            payload.writeIntLE(stream.encodedLength() + topic.encodedLength() + partitioning.encodedLength() + 4);
            stream.write(payload);
            topic.write(payload);
            partitioning.write(payload);
            payload.writeBytes(batch, batch.readerIndex(), batch.readableBytes());

            SendMessagesRequest request = SendMessagesRequest.decode(payload);
            assertEquals(3, request.messagesCount());
            assertEquals(3 * (64 + 5), request.messagesBytes());
            ByteBuf messages = request.messages();
            for (int i = 0; i < 3; i++) {
                int start = request.messageStart(i);
                assertEquals(5, MessageLayout.payloadLength(messages, start));
                assertEquals(42L, messages.getLongLE(start + MessageLayout.ORIGIN_TIMESTAMP_OFFSET));
            }
        } finally {
            batch.release();
            payload.release();
        }
    }

    @Test
    void shouldRestampEveryOriginTimestampAndNothingElse() {
        BatchWriter writer = new BatchWriter(4, 7);
        ByteBuf first = writer.encode(Unpooled.buffer().alloc(), 1L);
        ByteBuf second = writer.encode(Unpooled.buffer().alloc(), 99L);
        try {
            writer.restamp(first, 99L);
            assertEquals(second, first);
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void shouldReportSizes() {
        BatchWriter writer = new BatchWriter(10, 100);
        assertEquals(1_000, writer.payloadBytes());
        assertEquals(1_640, writer.messageBytes());
        assertEquals(4 + 160 + 1_640, writer.encodedLength());
    }

    @Test
    void shouldRejectAnEmptyBatch() {
        assertThrows(IllegalArgumentException.class, () -> new BatchWriter(0, 10));
    }
}
