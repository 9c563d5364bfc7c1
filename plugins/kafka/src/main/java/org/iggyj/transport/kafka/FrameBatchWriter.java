package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    /**
     * The room the batch may take in {@code out} (its writer index to its capacity), one view for the whole
     * batch: a Netty buffer checks its reference count and bounds on every call, a dozen calls per record.
     */
    private final ByteBuffer batch;
    private final int maxBatchBytes;
    private final long baseOffset;
    private int written = DefaultRecordBatch.RECORD_BATCH_OVERHEAD;
    private long baseTimestamp;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private long lastOffset;
    private int records;

    /** Writes the batch at {@code out}'s writer index, with no limit on its size but {@code out}'s capacity. */
    FrameBatchWriter(ByteBuf out, long baseOffset) {
        this(out, baseOffset, Integer.MAX_VALUE);
    }

    /**
     * Writes the batch at {@code out}'s writer index, within {@code out}'s capacity (it does not grow).
     *
     * @param maxBatchBytes the most the whole batch (header included) may take, unless its first record
     *                      alone takes more (Kafka returns one record over a fetch's limit so that a
     *                      consumer can make progress); a record that would take it past is not appended
     */
    FrameBatchWriter(ByteBuf out, long baseOffset, int maxBatchBytes) {
        this.out = out;
        this.batch = out.nioBuffer(out.writerIndex(), out.capacity() - out.writerIndex());
        this.maxBatchBytes = maxBatchBytes;
        this.baseOffset = baseOffset;
    }

    /**
     * @return a view of {@code frames}' bytes from {@code from} to {@code end} for {@link #append}, little
     *         endian as Iggy frames are (one object per batch, not per record); a copy when they lie in
     *         several buffers of a composite (Netty's {@code nioBuffer} merges them); a poll reply's
     *         frames usually lie in one ({@link PartitionReads#framesOf})
     */
    static ByteBuffer frames(ByteBuf frames, int from, int end) {
        return frames.nioBuffer(from, end - from).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Appends the stored message whose frame starts at {@code frame} in {@code in} (a view from
     * {@link #frames}), whose frames end at {@code end}; offsets must rise.
     *
     * @return the frame's size in bytes, or 0 when the record was not appended: it would take the batch
     *         past its limit
     * @throws IllegalArgumentException when the frame or its headers block is truncated
     */
    int append(ByteBuffer in, int frame, int end) {
        if (end - frame < MessageLayout.HEADER_LENGTH) {
            throw new IllegalArgumentException("truncated message header");
        }
        long offset = in.getLong(frame + MessageLayout.OFFSET_OFFSET);
        long origin = in.getLong(frame + MessageLayout.ORIGIN_TIMESTAMP_OFFSET);
        long timestamp = (origin > 0 ? origin : in.getLong(frame + MessageLayout.TIMESTAMP_OFFSET)) / 1000;
        long headersLength = Integer.toUnsignedLong(in.getInt(frame + MessageLayout.USER_HEADERS_LENGTH_OFFSET));
        long payloadLength = Integer.toUnsignedLong(in.getInt(frame + MessageLayout.PAYLOAD_LENGTH_OFFSET));
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
        if (records > 0 && (long) written + ByteUtils.sizeOfVarint(body) + body > maxBatchBytes) {
            return 0;
        }
        int w = writeVarint(written, body);
        batch.put(w++, (byte) 0); // attributes
        w = writeVarlong(w, timestampDelta);
        w = writeVarint(w, offsetDelta);
        if (key < 0) {
            w = writeVarint(w, -1);
        } else {
            w = writeVarint(w, keyLength);
            batch.put(w, in, key, keyLength);
            w += keyLength;
        }
        if (nullValue) {
            w = writeVarint(w, -1);
        } else {
            w = writeVarint(w, valueLength);
            batch.put(w, in, payload, valueLength);
            w += valueLength;
        }
        w = writeVarint(w, headerCount);
        if (headerCount > 0) {
            at = headers;
            while (at < last) {
                int nameLength = in.getInt(at + 1);
                int name = at + ITEM_OVERHEAD;
                at = name + nameLength;
                int itemValueLength = in.getInt(at + 1);
                int value = at + ITEM_OVERHEAD;
                at = value + itemValueLength;
                if (!is(in, name, nameLength, KEY) && !is(in, name, nameLength, NULL_VALUE)) {
                    // The name's bytes as stored: a Kafka client decodes them as UTF-8, as it would the
                    // re-encoded text of their decoding.
                    w = writeVarint(w, nameLength);
                    batch.put(w, in, name, nameLength);
                    w += nameLength;
                    w = writeVarint(w, itemValueLength);
                    batch.put(w, in, value, itemValueLength);
                    w += itemValueLength;
                }
            }
        }
        written = w;
        records++;
        lastOffset = offset;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return last - frame;
    }

    /** @return the batch: a view of the buffer it was written to, whose writer index it moves past it */
    MemoryRecords build() {
        if (records == 0) {
            return MemoryRecords.EMPTY;
        }
        out.writerIndex(out.writerIndex() + written);
        ByteBuffer view = batch.duplicate().position(0).limit(written);
        DefaultRecordBatch.writeHeader(view, baseOffset, (int) (lastOffset - baseOffset), written,
                RecordBatch.MAGIC_VALUE_V2, CompressionType.NONE, TimestampType.CREATE_TIME, baseTimestamp,
                maxTimestamp, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE,
                false, false, false, RecordBatch.NO_PARTITION_LEADER_EPOCH, records);
        view.position(0).limit(written);
        return MemoryRecords.readableRecords(view.slice());
    }

    /** Kafka's varint: zigzag, then unsigned LEB128. @return the index after it */
    private int writeVarint(int at, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xFFFFFF80) != 0) {
            batch.put(at++, (byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        batch.put(at++, (byte) v);
        return at;
    }

    private int writeVarlong(int at, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0L) {
            batch.put(at++, (byte) (((int) v & 0x7F) | 0x80));
            v >>>= 7;
        }
        batch.put(at++, (byte) v);
        return at;
    }

    private static int itemLength(ByteBuffer in, int at, int end) {
        if (end - at < ITEM_OVERHEAD) {
            throw new IllegalArgumentException("truncated user headers");
        }
        long length = Integer.toUnsignedLong(in.getInt(at + 1));
        if (length > end - at - ITEM_OVERHEAD) {
            throw new IllegalArgumentException("truncated user headers");
        }
        return (int) length;
    }

    private static boolean is(ByteBuffer in, int at, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in.get(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
