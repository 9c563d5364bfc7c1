package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.response.PolledMessagesReader.Message;
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

    private static Message stored(MessageDraft draft, long offset) {
        return new Message(0, 0, 0, offset, 9_000_000, draft.originTimestamp(), 0, draft.payload(),
                draft.userHeaders());
    }

    private static Record readBack(Message message) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), Compression.NONE,
                TimestampType.CREATE_TIME, message.offset());
        RecordMapping.appendTo(builder, message);
        return builder.build().records().iterator().next();
    }

    @Test
    void shouldKeepKeyValueHeadersAndTimestampThroughIggy() {
        Header[] headers = {new RecordHeader("trace", "t-1".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader("empty", null)};
        Record record = sent(Compression.gzip().build(), new SimpleRecord(1_700_000_000_123L, KEY, VALUE, headers))
                .get(0);
        MessageDraft draft = RecordMapping.toIggy(record);
        assertArrayEquals(VALUE, draft.payload());
        assertEquals(1_700_000_000_123_000L, draft.originTimestamp());
        List<String> names = new ArrayList<>();
        UserHeaders.forEach(draft.userHeaders(), (name, value) -> names.add(name));
        assertEquals(List.of(RecordMapping.KEY_HEADER, "trace", "empty"), names);

        Record back = readBack(stored(draft, 42));
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
                assertArrayEquals(VALUE, RecordMapping.toIggy(record).payload(), codec.type().name);
            }
        }
    }

    @Test
    void shouldKeepANullKeyAndANullValue() {
        Record tombstone = sent(Compression.NONE, new SimpleRecord(5L, (byte[]) null, (byte[]) null)).get(0);
        MessageDraft draft = RecordMapping.toIggy(tombstone);
        assertEquals(0, draft.payload().length);
        Record back = readBack(stored(draft, 0));
        assertFalse(back.hasKey());
        assertFalse(back.hasValue());
    }

    @Test
    void shouldUseTheAppendTimeForAMessageWithoutOriginTimestamp() {
        Message fromIggy = new Message(0, 0, 0, 7, 9_000_000, 0, 0, VALUE, new byte[0]);
        Record back = readBack(fromIggy);
        assertEquals(9_000, back.timestamp());
        assertNull(back.key());
        assertEquals(0, back.headers().length);
    }
}
