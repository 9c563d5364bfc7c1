package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.junit.jupiter.api.Test;

class RecordBatchWriterTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteTheBytesKafkasBatchBuilderWrites() {
        Header[] headers = {new RecordHeader("trace", "t".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader("empty", null)};
        long[] offsets = {100, 101, 105};
        long[] timestamps = {1_700_000_000_500L, 1_700_000_000_100L, 1_700_000_000_900L};
        ByteBuffer[] keys = {bytes("k"), null, bytes("")};
        ByteBuffer[] values = {bytes("value"), bytes("v2"), null};
        Header[][] recordHeaders = {headers, new Header[0], new Header[0]};

        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), Compression.NONE,
                TimestampType.CREATE_TIME, 100);
        ByteBuffer given = ByteBuffer.allocateDirect(1024);
        RecordBatchWriter writer = new RecordBatchWriter(given, 100);
        for (int i = 0; i < offsets.length; i++) {
            builder.appendWithOffset(offsets[i], timestamps[i], dup(keys[i]), dup(values[i]), recordHeaders[i]);
            writer.append(offsets[i], timestamps[i], dup(keys[i]), dup(values[i]), recordHeaders[i]);
        }
        MemoryRecords expected = builder.build();
        MemoryRecords written = writer.build();
        assertEquals(expected.buffer(), written.buffer());
        written.batches().forEach(batch -> batch.ensureValid()); // CRC32C and sizes
        assertEquals(3, written.batches().iterator().next().countOrNull());
    }

    @Test
    void shouldAnswerNoRecordsForAnEmptyBatch() {
        assertSame(MemoryRecords.EMPTY, new RecordBatchWriter(ByteBuffer.allocate(128), 0).build());
    }

    private static ByteBuffer dup(ByteBuffer b) {
        return b == null ? null : b.duplicate();
    }
}
