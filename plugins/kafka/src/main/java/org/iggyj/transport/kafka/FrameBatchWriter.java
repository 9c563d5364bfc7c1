package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.ByteUtils;
import org.iggyj.protocol.MessageLayout;

/**
 * One uncompressed Kafka record batch (magic 2, create time) written straight from stored Iggy message
 * frames (poll_messages layout) into the buffer it is given, mapped as {@link RecordMapping} documents.
 * Each record is one pass: its varints, then its key, value and header bytes copied in bulk from the
 * frame (direct memory to direct memory, no heap copy in between and no object per record or header);
 * {@code kafka-clients}' {@link DefaultRecordBatch#writeHeader} writes the batch header and its CRC32C
 * ({@code java.util.zip.CRC32C}, an intrinsic) at the end. The bytes are those {@code MemoryRecordsBuilder}
 * writes for the same records (checked in {@code FrameBatchWriterTest}). The caller sizes the buffer so
 * the records fit: a record is never larger than the frame it comes from (a 64-byte frame header against
 * at most 36 bytes of record varints; a stored header item's 5 bytes of kind and length against at most
 * 5 of varint). One per batch; not thread-safe.
 */
final class FrameBatchWriter {

    private static final int ITEM_OVERHEAD = 5;
    private static final byte[] KEY = RecordMapping.KEY_HEADER.getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL_VALUE =
            RecordMapping.NULL_VALUE_HEADER.getBytes(StandardCharsets.UTF_8);

    private final ByteBuf out;
    private final int start;
    private final int maxBatchBytes;
    private final long baseOffset;
    private long baseTimestamp;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private long lastOffset;
    private int records;

    /** Writes the batch at {@code out}'s writer index, with no limit on its size but {@code out}'s. */
    FrameBatchWriter(ByteBuf out, long baseOffset) {
        this(out, baseOffset, Integer.MAX_VALUE);
    }

    /**
     * Writes the batch at {@code out}'s writer index.
     *
     * @param maxBatchBytes the most the whole batch (header included) may take, unless its first record
     *                      alone takes more (Kafka returns one record over a fetch's limit so that a
     *                      consumer can make progress); a record that would take it past is not appended
     */
    FrameBatchWriter(ByteBuf out, long baseOffset, int maxBatchBytes) {
        this.out = out;
        this.start = out.writerIndex();
        this.maxBatchBytes = maxBatchBytes;
        this.baseOffset = baseOffset;
        out.writerIndex(start + DefaultRecordBatch.RECORD_BATCH_OVERHEAD);
    }

    /**
     * Appends the stored message whose frame starts at {@code frame} in {@code in}, whose frames end at
     * {@code end}; offsets must rise.
     *
     * @return the frame's size in bytes, or 0 when the record was not appended: it would take the batch
     *         past its limit
     * @throws IllegalArgumentException when the frame or its headers block is truncated
     */
    int append(ByteBuf in, int frame, int end) {
        if (end - frame < MessageLayout.HEADER_LENGTH) {
            throw new IllegalArgumentException("truncated message header");
        }
        long offset = in.getLongLE(frame + MessageLayout.OFFSET_OFFSET);
        long origin = in.getLongLE(frame + MessageLayout.ORIGIN_TIMESTAMP_OFFSET);
        long timestamp = (origin > 0 ? origin : in.getLongLE(frame + MessageLayout.TIMESTAMP_OFFSET)) / 1000;
        long headersLength = in.getUnsignedIntLE(frame + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        long payloadLength = in.getUnsignedIntLE(frame + MessageLayout.PAYLOAD_LENGTH_OFFSET);
        int payload = frame + MessageLayout.HEADER_LENGTH;
        long frameEnd = payload + payloadLength + headersLength;
        if (frameEnd > end) {
            throw new IllegalArgumentException("truncated message");
        }
        int headers = (int) (payload + payloadLength);
        int last = (int) frameEnd;

        // First pass over the headers block: where the key is, whether the value is null, and the size
        // of the record headers the other items become (a record's length comes before its fields).
        int key = -1;
        int keyLength = 0;
        boolean nullValue = false;
        int headerCount = 0;
        int headerBytes = 0;
        int at = headers;
        while (at < last) {
            int nameLength = itemLength(in, at, last);
            int name = at + ITEM_OVERHEAD;
            at = name + nameLength;
            int valueLength = itemLength(in, at, last);
            int value = at + ITEM_OVERHEAD;
            at = value + valueLength;
            if (is(in, name, nameLength, KEY)) {
                key = value;
                keyLength = valueLength;
            } else if (is(in, name, nameLength, NULL_VALUE)) {
                nullValue = true;
            } else {
                headerCount++;
                headerBytes += ByteUtils.sizeOfVarint(nameLength) + nameLength
                        + ByteUtils.sizeOfVarint(valueLength) + valueLength;
            }
        }

        if (records == 0) {
            baseTimestamp = timestamp;
        }
        int offsetDelta = (int) (offset - baseOffset);
        long timestampDelta = timestamp - baseTimestamp;
        int valueLength = (int) payloadLength;
        int body = 1 + ByteUtils.sizeOfVarlong(timestampDelta) + ByteUtils.sizeOfVarint(offsetDelta)
                + (key < 0 ? 1 : ByteUtils.sizeOfVarint(keyLength) + keyLength)
                + (nullValue ? 1 : ByteUtils.sizeOfVarint(valueLength) + valueLength)
                + ByteUtils.sizeOfVarint(headerCount) + headerBytes;
        if (records > 0 && (long) out.writerIndex() - start + ByteUtils.sizeOfVarint(body) + body > maxBatchBytes) {
            return 0;
        }
        writeVarint(body);
        out.writeByte(0); // attributes
        writeVarlong(timestampDelta);
        writeVarint(offsetDelta);
        if (key < 0) {
            writeVarint(-1);
        } else {
            writeVarint(keyLength);
            out.writeBytes(in, key, keyLength);
        }
        if (nullValue) {
            writeVarint(-1);
        } else {
            writeVarint(valueLength);
            out.writeBytes(in, payload, valueLength);
        }
        writeVarint(headerCount);
        if (headerCount > 0) {
            at = headers;
            while (at < last) {
                int nameLength = in.getIntLE(at + 1);
                int name = at + ITEM_OVERHEAD;
                at = name + nameLength;
                int itemValueLength = in.getIntLE(at + 1);
                int value = at + ITEM_OVERHEAD;
                at = value + itemValueLength;
                if (!is(in, name, nameLength, KEY) && !is(in, name, nameLength, NULL_VALUE)) {
                    // The name's bytes as stored: a Kafka client decodes them as UTF-8, as it would the
                    // re-encoded text of their decoding.
                    writeVarint(nameLength);
                    out.writeBytes(in, name, nameLength);
                    writeVarint(itemValueLength);
                    out.writeBytes(in, value, itemValueLength);
                }
            }
        }
        records++;
        lastOffset = offset;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return last - frame;
    }

    /** @return the batch: a view of the buffer it was written to */
    MemoryRecords build() {
        if (records == 0) {
            out.writerIndex(start);
            return MemoryRecords.EMPTY;
        }
        int size = out.writerIndex() - start;
        ByteBuffer written = out.nioBuffer(start, size);
        DefaultRecordBatch.writeHeader(written, baseOffset, (int) (lastOffset - baseOffset), size,
                RecordBatch.MAGIC_VALUE_V2, CompressionType.NONE, TimestampType.CREATE_TIME, baseTimestamp,
                maxTimestamp, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE,
                false, false, false, RecordBatch.NO_PARTITION_LEADER_EPOCH, records);
        written.position(0).limit(size);
        return MemoryRecords.readableRecords(written);
    }

    /** Kafka's varint: zigzag, then unsigned LEB128. */
    private void writeVarint(int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xFFFFFF80) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private void writeVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0L) {
            out.writeByte(((int) v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static int itemLength(ByteBuf in, int at, int end) {
        if (end - at < ITEM_OVERHEAD) {
            throw new IllegalArgumentException("truncated user headers");
        }
        long length = in.getUnsignedIntLE(at + 1);
        if (length > end - at - ITEM_OVERHEAD) {
            throw new IllegalArgumentException("truncated user headers");
        }
        return (int) length;
    }

    private static boolean is(ByteBuf in, int at, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in.getByte(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
