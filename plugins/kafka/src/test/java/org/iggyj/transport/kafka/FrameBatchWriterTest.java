package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.request.MessageDraft;
import org.junit.jupiter.api.Test;

/** The batch written from stored frames against the one Kafka's own {@code MemoryRecordsBuilder} writes. */
class FrameBatchWriterTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code record}, as a Kafka producer's record stored through the plugin, to a poll reply. */
    private static void store(ByteBuf reply, SimpleRecord record, long offset) {
        Record sent = MemoryRecords.withRecords(Compression.NONE, record).records().iterator().next();
        int at = reply.writerIndex();
        RecordMapping.writeIggy(reply, sent);
        reply.setLongLE(at + MessageLayout.OFFSET_OFFSET, offset);
        reply.setLongLE(at + MessageLayout.TIMESTAMP_OFFSET, 5_000_000);
    }

    /** The whole reply as {@link FrameBatchWriter#append} reads it: its indices are the reply's. */
    private static ByteBuffer view(ByteBuf reply) {
        return FrameBatchWriter.frames(reply, 0, reply.writerIndex());
    }

    private static ByteBuf reply(boolean direct) {
        ByteBuf reply = direct ? Unpooled.directBuffer() : Unpooled.buffer();
        return reply.writeIntLE(0).writeLongLE(0).writeIntLE(0);
    }

    @Test
    void shouldWriteTheBytesKafkasBatchBuilderWritesForStoredRecords() {
        byte[] large = new byte[70_000];
        java.util.Arrays.fill(large, (byte) 'x');
        // A null header value is stored as an empty one (docs/kafka.md), so it comes back empty.
        Header[] headers = {new RecordHeader("trace", bytes("t-1")), new RecordHeader("empty", new byte[0]),
            new RecordHeader("ünï", bytes("v"))};
        long[] offsets = {100, 101, 105, 300, 301};
        SimpleRecord[] records = {
            new SimpleRecord(1_700_000_000_500L, bytes("k"), bytes("value"), headers),
            new SimpleRecord(1_700_000_000_100L, null, bytes("v2")), // an earlier timestamp: negative delta
            new SimpleRecord(1_700_000_000_900L, bytes(""), null), // empty key, tombstone
            new SimpleRecord(1_700_000_009_000L, bytes("big"), large),
            new SimpleRecord(1_700_000_009_001L, null, new byte[0]),
        };
        for (boolean direct : new boolean[] {false, true}) {
            MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(100_000), Compression.NONE,
                    TimestampType.CREATE_TIME, 100);
            ByteBuf reply = reply(direct);
            for (int i = 0; i < records.length; i++) {
                builder.appendWithOffset(offsets[i], records[i]);
                store(reply, records[i], offsets[i]);
            }
            ByteBuf out = direct ? Unpooled.directBuffer(100_000, 100_000) : Unpooled.buffer(100_000, 100_000);
            FrameBatchWriter writer = new FrameBatchWriter(out, 100);
            int frame = 16;
            for (int i = 0; i < records.length; i++) {
                frame += writer.append(view(reply), frame, reply.writerIndex());
            }
            assertEquals(reply.writerIndex(), frame);
            MemoryRecords written = writer.build();
            assertEquals(builder.build().buffer(), written.buffer());
            written.batches().forEach(batch -> batch.ensureValid()); // CRC32C and sizes
            reply.release();
            out.release();
        }
    }

    @Test
    void shouldWriteAnIggyClientsMessageWithItsUserHeadersAsRecordHeaders() {
        ByteBuf frame = Unpooled.buffer();
        MessageDraft.of(bytes("from-iggy")).writeTo(frame);
        // An Iggy client's headers block: a string key with an int value (kind 6, 4 bytes LE).
        ByteBuf headers = Unpooled.buffer();
        headers.writeByte(UserHeaders.KIND_STRING).writeIntLE(3).writeBytes(bytes("num"));
        headers.writeByte(6).writeIntLE(4).writeIntLE(7);
        frame.writeBytes(headers, 0, headers.writerIndex());
        frame.setIntLE(MessageLayout.USER_HEADERS_LENGTH_OFFSET, headers.writerIndex());
        ByteBuf reply = reply(true);
        int at = reply.writerIndex();
        reply.writeBytes(frame);
        reply.setLongLE(at + MessageLayout.OFFSET_OFFSET, 7);
        reply.setLongLE(at + MessageLayout.TIMESTAMP_OFFSET, 5_000_000);

        ByteBuf out = Unpooled.buffer(1024, 1024);
        FrameBatchWriter writer = new FrameBatchWriter(out, 7);
        assertEquals(frame.writerIndex(), writer.append(view(reply), at, reply.writerIndex()));
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), Compression.NONE,
                TimestampType.CREATE_TIME, 7);
        builder.appendWithOffset(7, 5_000, null, ByteBuffer.wrap(bytes("from-iggy")),
                new Header[] {new RecordHeader("num", new byte[] {7, 0, 0, 0})});
        assertEquals(builder.build().buffer(), writer.build().buffer());
        frame.release();
        headers.release();
        reply.release();
        out.release();
    }

    @Test
    void shouldRefuseATruncatedHeadersBlock() {
        ByteBuf reply = reply(false);
        store(reply, new SimpleRecord(1L, bytes("k"), bytes("v")), 0);
        // The headers block ends one byte before its last item does.
        reply.setIntLE(16 + MessageLayout.USER_HEADERS_LENGTH_OFFSET,
                reply.getIntLE(16 + MessageLayout.USER_HEADERS_LENGTH_OFFSET) - 1);
        ByteBuf out = Unpooled.buffer(1024, 1024);
        FrameBatchWriter writer = new FrameBatchWriter(out, 0);
        assertThrows(IllegalArgumentException.class, () -> writer.append(view(reply), 16, reply.writerIndex()));
        reply.release();
        out.release();
    }

    @Test
    void shouldWriteTheBatchAtTheWriterIndexAndMovePastIt() {
        ByteBuf reply = reply(true);
        SimpleRecord record = new SimpleRecord(1_700_000_000_500L, bytes("k"), bytes("value"));
        store(reply, record, 3);
        ByteBuf out = Unpooled.directBuffer(1024, 1024).writeBytes(bytes("before"));
        FrameBatchWriter writer = new FrameBatchWriter(out, 3);
        writer.append(view(reply), 16, reply.writerIndex());
        MemoryRecords written = writer.build();
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), Compression.NONE,
                TimestampType.CREATE_TIME, 3);
        builder.appendWithOffset(3, record);
        ByteBuffer expected = builder.build().buffer();
        assertEquals(expected, written.buffer());
        assertEquals(6 + expected.remaining(), out.writerIndex());
        assertEquals(ByteBuffer.wrap(bytes("before")), out.nioBuffer(0, 6));
        assertEquals(expected, out.nioBuffer(6, expected.remaining()));
        reply.release();
        out.release();
    }

    @Test
    void shouldAnswerNoRecordsForAnEmptyBatch() {
        ByteBuf out = Unpooled.buffer(128);
        assertSame(MemoryRecords.EMPTY, new FrameBatchWriter(out, 0).build());
        assertEquals(0, out.writerIndex());
        out.release();
    }
}
