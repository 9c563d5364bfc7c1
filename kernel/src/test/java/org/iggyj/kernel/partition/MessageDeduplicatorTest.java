package org.iggyj.kernel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.kernel.storage.MessageFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageDeduplicatorTest {

    private final MessageDeduplicator deduplicator = new MessageDeduplicator(new DeduplicationConfig(true, 100, 0));
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void release() {
        buffers.forEach(ByteBuf::release);
    }

    /** One message per id, payload "p" + id repeated {@code id} times (distinct lengths), 3 header bytes. */
    private ByteBuf batch(long... ids) {
        ByteBuf buf = Unpooled.directBuffer();
        buffers.add(buf);
        for (long id : ids) {
            byte[] payload = ("p" + id).repeat((int) Math.max(1, id)).getBytes(StandardCharsets.UTF_8);
            buf.writeLongLE(0).writeLongLE(id).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0);
            buf.writeIntLE(3).writeIntLE(payload.length).writeLongLE(0);
            buf.writeBytes(payload).writeBytes(new byte[] {'h', 'd', 'r'});
        }
        return buf;
    }

    private static List<String> payloads(ByteBuf buf) {
        List<String> out = new ArrayList<>();
        for (int at = buf.readerIndex(); at < buf.writerIndex(); at += (int) MessageFrame.length(buf, at)) {
            int length = buf.getIntLE(at + MessageFrame.PAYLOAD_LENGTH_OFFSET);
            out.add(buf.toString(at + MessageFrame.HEADER_LENGTH, length, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void shouldKeepEveryMessageWhenIdsAreNew() {
        ByteBuf batch = batch(1, 2, 3);
        int bytes = batch.readableBytes();

        assertEquals(3, deduplicator.filter(batch, 3, 0));
        assertEquals(bytes, batch.readableBytes());
    }

    @Test
    void shouldCompactBatchWhenSomeIdsWereSeen() {
        deduplicator.filter(batch(2, 4), 2, 0);
        ByteBuf batch = batch(1, 2, 3, 4, 5, 3);

        int kept = deduplicator.filter(batch, 6, 0);

        assertEquals(3, kept);
        assertEquals(List.of("p1", "p3p3p3", "p5p5p5p5p5"), payloads(batch));
        int second = batch.readerIndex() + (int) MessageFrame.length(batch, batch.readerIndex());
        assertEquals(3L, batch.getLongLE(second + MessageFrame.ID_OFFSET));
    }

    @Test
    void shouldKeepNothingWhenEveryIdWasSeen() {
        deduplicator.filter(batch(8, 9), 2, 0);
        ByteBuf batch = batch(9, 8);

        assertEquals(0, deduplicator.filter(batch, 2, 0));
        assertEquals(0, batch.readableBytes());
    }

    @Test
    void shouldNeverDropServerAssignedIds() {
        assertEquals(3, deduplicator.filter(batch(0, 0, 0), 3, 0));
        assertEquals(2, deduplicator.filter(batch(0, 0), 2, 0));
    }

    @Test
    void shouldHonourReaderIndexWhenBatchIsASliceOfARequest() {
        deduplicator.filter(batch(1), 1, 0);
        ByteBuf request = Unpooled.directBuffer();
        buffers.add(request);
        request.writeBytes(new byte[] {1, 2, 3, 4, 5});
        request.writeBytes(batch(1, 6));
        ByteBuf slice = request.slice(5, request.readableBytes() - 5);

        assertEquals(1, deduplicator.filter(slice, 2, 0));
        assertEquals(List.of("p6p6p6p6p6p6"), payloads(slice));
    }
}
