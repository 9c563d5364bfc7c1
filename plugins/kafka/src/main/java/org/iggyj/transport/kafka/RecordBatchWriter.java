package org.iggyj.transport.kafka;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/**
 * One uncompressed Kafka record batch (magic 2, create time) written straight into the buffer it is
 * given, with {@code kafka-clients}' own writers: {@link DefaultRecord#writeTo} per record and
 * {@link DefaultRecordBatch#writeHeader} (which also computes the batch's CRC32C) at the end. The same
 * bytes {@code MemoryRecordsBuilder} writes, without its per-record checks and the {@code Long} it boxes
 * for every record's offset. The caller sizes the buffer so the records fit: it is then never grown.
 * One per batch; not thread-safe.
 */
final class RecordBatchWriter {

    private final ByteBufferOutputStream bytes;
    private final DataOutputStream out;
    private final int start;
    private final long baseOffset;
    private long baseTimestamp;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private long lastOffset;
    private int records;

    RecordBatchWriter(ByteBuffer buffer, long baseOffset) {
        this.start = buffer.position();
        this.baseOffset = baseOffset;
        this.bytes = new ByteBufferOutputStream(buffer);
        bytes.position(start + DefaultRecordBatch.RECORD_BATCH_OVERHEAD);
        this.out = new DataOutputStream(bytes);
    }

    /**
     * Appends a record; offsets must rise. {@code key} and {@code value} (null for none) are best heap
     * buffers: Kafka's writer copies a direct one byte by byte.
     */
    void append(long offset, long timestamp, ByteBuffer key, ByteBuffer value, Header[] headers) {
        if (records == 0) {
            baseTimestamp = timestamp;
        }
        try {
            DefaultRecord.writeTo(out, (int) (offset - baseOffset), timestamp - baseTimestamp, key, value, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteBufferOutputStream does not throw
        }
        records++;
        lastOffset = offset;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
    }

    /** @return the batch: a view of the buffer it was written to (a grown copy only if it did not fit) */
    MemoryRecords build() {
        if (records == 0) {
            return MemoryRecords.EMPTY;
        }
        ByteBuffer written = bytes.buffer().duplicate();
        int size = bytes.position() - start;
        written.position(start);
        DefaultRecordBatch.writeHeader(written, baseOffset, (int) (lastOffset - baseOffset), size,
                RecordBatch.MAGIC_VALUE_V2, CompressionType.NONE, TimestampType.CREATE_TIME, baseTimestamp,
                maxTimestamp, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE,
                false, false, false, RecordBatch.NO_PARTITION_LEADER_EPOCH, records);
        written.position(start).limit(start + size);
        return MemoryRecords.readableRecords(written.slice());
    }
}
