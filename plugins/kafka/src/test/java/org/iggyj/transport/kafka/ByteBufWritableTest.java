package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.junit.jupiter.api.Test;

/**
 * A Fetch response written with its batches taken from their pooled buffers, without a copy, holds the
 * same bytes as one written by copying, and keeps the batches alive after their buffers are released.
 */
class ByteBufWritableTest {

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Test
    void shouldWriteAFetchResponseWithPooledBatchesUncopiedAndByteForByteTheSame() {
        ByteBuf big = alloc.directBuffer(1 << 20, 1 << 20);
        ByteBuf small = alloc.directBuffer(4096, 4096);
        List<ByteBuf> pooled = List.of(big, small);
        MemoryRecords bigBatch = batch(big, 200, 1000);
        MemoryRecords smallBatch = batch(small, 3, 7);
        FetchResponseData response = new FetchResponseData().setResponses(List.of(new FetchableTopicResponse()
                .setTopic("t").setPartitions(List.of(
                        new PartitionData().setPartitionIndex(0).setHighWatermark(1200).setRecords(bigBatch),
                        new PartitionData().setPartitionIndex(1).setHighWatermark(10).setRecords(smallBatch),
                        new PartitionData().setPartitionIndex(2).setRecords(MemoryRecords.EMPTY)))));
        short version = 12; // the newest Fetch version the plugin serves (SupportedApis)

        ByteBuf copied = write(response, version, new ByteBufWritable(alloc.heapBuffer()));
        ByteBufWritable zeroCopy = new ByteBufWritable(alloc.ioBuffer(64), alloc,
                bytes -> KafkaConnection.retainedSliceOf(pooled, bytes));
        ByteBuf uncopied = write(response, version, zeroCopy);
        big.release();
        small.release();

        CompositeByteBuf composite = assertInstanceOf(CompositeByteBuf.class, uncopied);
        assertEquals(3, composite.numComponents(), "before the big batch, the big batch, the rest");
        assertEquals(copied.readableBytes(), uncopied.readableBytes());
        assertTrue(ByteBufUtil.equals(copied, uncopied), "same bytes as the copying write");
        copied.release();
        uncopied.release();
        assertEquals(0, big.refCnt());
    }

    @Test
    void shouldFindNoPooledSliceForHeapOrForeignBytes() {
        ByteBuf pooled = alloc.directBuffer(1024, 1024);
        try {
            assertNull(KafkaConnection.retainedSliceOf(List.of(pooled), ByteBuffer.allocate(16)));
            assertNull(KafkaConnection.retainedSliceOf(List.of(pooled), ByteBuffer.allocateDirect(16)));
            ByteBuf inside = KafkaConnection.retainedSliceOf(List.of(pooled), pooled.nioBuffer(100, 50));
            assertEquals(50, inside.readableBytes());
            assertEquals(2, pooled.refCnt());
            inside.release();
        } finally {
            pooled.release();
        }
    }

    private static MemoryRecords batch(ByteBuf into, int records, long firstOffset) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(into.nioBuffer(0, into.capacity()), Compression.NONE,
                TimestampType.CREATE_TIME, firstOffset);
        byte[] value = new byte[1024];
        for (int i = 0; i < records; i++) {
            value[i % value.length] = (byte) i;
            builder.appendWithOffset(firstOffset + i, 1_000 + i, ByteBuffer.wrap(new byte[] {(byte) i}),
                    ByteBuffer.wrap(value));
        }
        return builder.build();
    }

    private static ByteBuf write(FetchResponseData response, short version, ByteBufWritable writable) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        response.size(cache, version);
        response.write(writable, cache, version);
        return writable.written();
    }
}
