package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.request.MessageDraft;
import org.junit.jupiter.api.Test;

class RecordMappingTest {

    private static final byte[] KEY = "key-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "value-1".getBytes(StandardCharsets.UTF_8);

    /** Records as a producer sends them (compressed as asked), read back through kafka-clients. */
    private static List<Record> sent(Compression compression, SimpleRecord... records) {
        MemoryRecords batch = MemoryRecords.withRecords(compression, records);
        List<Record> out = new ArrayList<>();
        batch.records().forEach(out::add);
        return out;
    }

    /** The Iggy message frame a record becomes on send. */
    private static ByteBuf toIggy(Record record) {
        ByteBuf frame = Unpooled.buffer();
        assertEquals(RecordMapping.writeIggy(frame, record), frame.readableBytes());
        return frame;
    }

    private static byte[] payload(ByteBuf frame) {
        return ByteBufUtil.getBytes(frame, MessageLayout.HEADER_LENGTH,
                frame.getIntLE(MessageLayout.PAYLOAD_LENGTH_OFFSET));
    }

    private static byte[] userHeaders(ByteBuf frame) {
        int payloadLength = frame.getIntLE(MessageLayout.PAYLOAD_LENGTH_OFFSET);
        return ByteBufUtil.getBytes(frame, MessageLayout.HEADER_LENGTH + payloadLength,
                frame.getIntLE(MessageLayout.USER_HEADERS_LENGTH_OFFSET));
    }

    /** A poll_messages reply holding the frame as the partition stored it: offset and append time set. */
    private static ByteBuf stored(ByteBuf frame, long offset) {
        ByteBuf reply = Unpooled.buffer();
        reply.writeIntLE(0).writeLongLE(offset).writeIntLE(1);
        int at = reply.writerIndex();
        reply.writeBytes(frame, 0, frame.writerIndex());
        reply.setLongLE(at + MessageLayout.OFFSET_OFFSET, offset);
        reply.setLongLE(at + MessageLayout.TIMESTAMP_OFFSET, 9_000_000);
        return reply;
    }

    private static Record readBack(ByteBuf reply) {
        return PartitionReads.toBatch(reply, 1 << 20, c -> Unpooled.buffer(c, c)).records().iterator().next();
    }

    @Test
    void shouldKeepKeyValueHeadersAndTimestampThroughIggy() {
        Header[] headers = {new RecordHeader("trace", "t-1".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader("empty", null)};
        Record record = sent(Compression.gzip().build(), new SimpleRecord(1_700_000_000_123L, KEY, VALUE, headers))
                .get(0);
        ByteBuf frame = toIggy(record);
        assertArrayEquals(VALUE, payload(frame));
        assertEquals(1_700_000_000_123_000L, frame.getLongLE(MessageLayout.ORIGIN_TIMESTAMP_OFFSET));
        List<String> names = new ArrayList<>();
        UserHeaders.forEach(userHeaders(frame), (name, value) -> names.add(name));
        assertEquals(List.of(RecordMapping.KEY_HEADER, "trace", "empty"), names);

        Record back = readBack(stored(frame, 42));
        assertEquals(42, back.offset());
        assertEquals(1_700_000_000_123L, back.timestamp());
        assertEquals("key-1", StandardCharsets.UTF_8.decode(back.key()).toString());
        assertEquals("value-1", StandardCharsets.UTF_8.decode(back.value()).toString());
        assertEquals(2, back.headers().length);
        assertEquals("trace", back.headers()[0].key());
        assertArrayEquals("t-1".getBytes(StandardCharsets.UTF_8), back.headers()[0].value());
        assertEquals(0, back.headers()[1].value().length);
    }

    @Test
    void shouldReadBatchesCompressedWithEveryCodecAProducerUses() {
        for (Compression codec : List.of(Compression.gzip().build(), Compression.snappy().build(),
                Compression.lz4().build(), Compression.zstd().build())) {
            List<Record> records = sent(codec, new SimpleRecord(1L, KEY, VALUE), new SimpleRecord(2L, KEY, VALUE));
            assertEquals(2, records.size(), codec.type().name);
            for (Record record : records) {
                assertArrayEquals(VALUE, payload(toIggy(record)), codec.type().name);
            }
        }
    }

    @Test
    void shouldKeepANullKeyAndANullValue() {
        Record tombstone = sent(Compression.NONE, new SimpleRecord(5L, (byte[]) null, (byte[]) null)).get(0);
        ByteBuf frame = toIggy(tombstone);
        assertEquals(0, payload(frame).length);
        Record back = readBack(stored(frame, 0));
        assertFalse(back.hasKey());
        assertFalse(back.hasValue());
    }

    @Test
    void shouldUseTheAppendTimeForAMessageWithoutOriginTimestamp() {
        ByteBuf fromIggy = Unpooled.buffer();
        MessageDraft.of(VALUE).writeTo(fromIggy);
        Record back = readBack(stored(fromIggy, 7));
        assertEquals(9_000, back.timestamp());
        assertNull(back.key());
        assertEquals(0, back.headers().length);
    }

    @Test
    void shouldReadFramesFromADirectReplyIntoADirectBatch() {
        // Poll replies live in direct memory, and so do the pooled buffers batches are written to.
        byte[][] values = {VALUE, new byte[10_000], new byte[3], new byte[70_000]};
        for (int i = 0; i < values.length; i++) {
            java.util.Arrays.fill(values[i], (byte) ('a' + i));
        }
        ByteBuf reply = Unpooled.directBuffer();
        reply.writeIntLE(0).writeLongLE(0).writeIntLE(values.length);
        for (int i = 0; i < values.length; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            ByteBuf frame = toIggy(sent(Compression.NONE, new SimpleRecord(1_000L + i, key, values[i])).get(0));
            int at = reply.writerIndex();
            reply.writeBytes(frame);
            reply.setLongLE(at + MessageLayout.OFFSET_OFFSET, 10 + i);
        }
        List<Record> back = new ArrayList<>();
        List<ByteBuf> given = new ArrayList<>();
        PartitionReads.toBatch(reply, 1 << 20, c -> {
            given.add(Unpooled.directBuffer(c, c));
            return given.get(0);
        }).records().forEach(back::add);
        reply.release();
        assertEquals(values.length, back.size());
        for (int i = 0; i < values.length; i++) {
            Record record = back.get(i);
            assertEquals(10 + i, record.offset());
            assertEquals(1_000L + i, record.timestamp());
            assertEquals("key-" + i, StandardCharsets.UTF_8.decode(record.key()).toString());
            byte[] value = new byte[record.valueSize()];
            record.value().get(value);
            assertArrayEquals(values[i], value, "record " + i);
        }
        given.forEach(ByteBuf::release);
    }

    @Test
    void shouldCutABatchAtTheFetchBudgetInsideTheBufferItWasGiven() {
        byte[] value = new byte[1024];
        int count = 50;
        ByteBuf reply = Unpooled.directBuffer();
        reply.writeIntLE(0).writeLongLE(0).writeIntLE(count);
        int frameBytes = 0;
        for (int i = 0; i < count; i++) {
            ByteBuf frame = toIggy(sent(Compression.NONE, new SimpleRecord(1_000L + i, null, value)).get(0));
            frameBytes = frame.readableBytes();
            int at = reply.writerIndex();
            reply.writeBytes(frame);
            reply.setLongLE(at + MessageLayout.OFFSET_OFFSET, i);
        }
        // Enough records that cutting at the frames' size (5% larger) would leave room for two more.
        int maxBytes = 40 * 1024;
        List<ByteBuf> given = new ArrayList<>();
        MemoryRecords batch = PartitionReads.toBatch(reply, maxBytes, capacity -> {
            given.add(Unpooled.buffer(capacity, capacity));
            return given.get(0);
        });
        reply.release();
        batch.batches().forEach(b -> b.ensureValid());
        // Kafka's limit: the batch stays within the fetch's byte budget, and records are whole and in order.
        assertTrue(batch.sizeInBytes() <= maxBytes, "batch of " + batch.sizeInBytes() + " bytes");
        List<Record> back = new ArrayList<>();
        batch.records().forEach(back::add);
        // ... and is full: the budget counts the Kafka bytes sent, not the larger Iggy frames they come from,
        // so one record more would not have fitted.
        int recordBytes = back.get(0).sizeInBytes();
        assertTrue(recordBytes < frameBytes, recordBytes + " against " + frameBytes + " bytes a frame");
        assertTrue(batch.sizeInBytes() + recordBytes > maxBytes, back.size() + " records, "
                + batch.sizeInBytes() + " bytes");
        for (int i = 0; i < back.size(); i++) {
            assertEquals(i, back.get(i).offset());
        }
        // Built where the connection's pooled buffer is, not in a buffer grown (and copied) on the way.
        assertEquals(1, given.size());
        assertSame(given.get(0).array(), batch.buffer().array());
    }

    @Test
    void shouldReturnOneRecordLargerThanTheFetchBudget() {
        byte[] value = new byte[5000];
        ByteBuf frame = toIggy(sent(Compression.NONE, new SimpleRecord(1L, null, value)).get(0));
        ByteBuf reply = stored(frame, 3);
        reply.setIntLE(12, 1);
        List<Record> back = new ArrayList<>();
        PartitionReads.toBatch(reply, 100, c -> Unpooled.buffer(c, c)).records().forEach(back::add);
        assertEquals(1, back.size());
        assertEquals(5000, back.get(0).valueSize());
    }

    @Test
    void shouldReadACompositeReplyOfHeadAndFramesAsTheWholeReply() {
        // The kernel's poll reply: a composite of its 16-byte head and the frames read.
        ByteBuf plain = Unpooled.directBuffer();
        plain.writeIntLE(0).writeLongLE(0).writeIntLE(3);
        for (int i = 0; i < 3; i++) {
            ByteBuf frame = toIggy(sent(Compression.NONE, new SimpleRecord(1_000L + i, KEY, VALUE)).get(0));
            int at = plain.writerIndex();
            plain.writeBytes(frame);
            plain.setLongLE(at + MessageLayout.OFFSET_OFFSET, 4 + i);
        }
        ByteBuf head = Unpooled.directBuffer().writeBytes(plain, 0, 16);
        ByteBuf frames = Unpooled.directBuffer().writeBytes(plain, 16, plain.writerIndex() - 16);
        ByteBuf composite = Unpooled.compositeBuffer().addComponents(true, head, frames);
        assertEquals(frames.writerIndex(), PartitionReads.framesOf(composite, 16).readableBytes());
        MemoryRecords fromPlain = PartitionReads.toBatch(plain, 1 << 20, c -> Unpooled.buffer(c, c));
        MemoryRecords fromComposite = PartitionReads.toBatch(composite, 1 << 20, c -> Unpooled.buffer(c, c));
        assertEquals(fromPlain.buffer(), fromComposite.buffer());
        assertEquals(3, fromComposite.batches().iterator().next().countOrNull());
        plain.release();
        composite.release();
    }

    @Test
    void shouldPollAboutTheBudgetInRecordsOfTheSizeLastSeen() {
        long count = PartitionReads.pollCount(1 << 20, 1032);
        assertTrue(count * 1032 >= 1 << 20 && count * 1032 <= (1 << 20) * 9 / 8, count + " messages");
        assertEquals(1, PartitionReads.pollCount(100, 1032));
        assertEquals(10_000, PartitionReads.pollCount(100 << 20, 64));
    }
}
