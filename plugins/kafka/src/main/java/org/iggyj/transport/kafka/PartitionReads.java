package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.request.PollMessages;
import org.iggyj.protocol.response.PolledMessagesReader;
import org.iggyj.protocol.response.PolledMessagesReader.PolledMessages;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.PollingStrategy;

/**
 * Reads of one partition on behalf of a Kafka connection: its end offset (a zero-timeout
 * {@link org.iggyj.spi.DataWaits} call, which also checks the poll permission) and its messages
 * as a Kafka record batch. Stateless.
 */
final class PartitionReads {

    /** Iggy polls by count; a partition's byte budget is turned into a count with this guess. */
    private static final int BYTES_PER_RECORD_GUESS = 128;
    private static final int MAX_POLL_COUNT = 10_000;
    /** Regular-consumer id the plugin's polls use; they never store offsets. */
    /** poll_messages reply head: partition u32, current offset u64, count u32. */
    private static final int POLL_HEAD_LENGTH = 16;
    private static final int POLL_CURRENT_OFFSET = 4;
    private static final int POLL_COUNT_OFFSET = 12;
    /** Room for the Kafka batch header and a record's varints beyond the frames' bytes. */
    private static final int BATCH_OVERHEAD = 128;
    private static final Consumer READER = Consumer.consumer(Identifier.numeric(0));

    private PartitionReads() {
    }

    /** @return the partition's end offset: the offset its next message gets */
    static CompletableFuture<Long> endOffset(KafkaConnection c, String topic, int partition) {
        return c.broker().dataWaits().awaitData(c.iggy().session(), c.broker().stream(), Identifier.named(topic),
                partition, Long.MAX_VALUE, Duration.ZERO).toCompletableFuture().thenApplyAsync(end -> end,
                c.iggy().loop());
    }

    /** @return the messages polled with {@code strategy}, at most {@code count} */
    static CompletableFuture<PolledMessages> poll(KafkaConnection c, String topic, int partition,
                                                  PollingStrategy strategy, long count) {
        PollMessages poll = new PollMessages(READER, c.broker().stream(), Identifier.named(topic), partition,
                strategy, count, false);
        return c.iggy().call(CommandCode.POLL_MESSAGES, poll::encode, PolledMessagesReader::read);
    }

    /**
     * Reads from {@code offset} up to about {@code maxBytes} (at least one record, as Kafka does), as
     * one uncompressed batch built straight from the poll reply's bytes.
     *
     * @param available how many messages lie between {@code offset} and the end offset
     */
    static CompletableFuture<MemoryRecords> records(KafkaConnection c, String topic, int partition, long offset,
                                                    long available, int maxBytes) {
        return records(c, topic, partition, offset, available, maxBytes,
                reply -> toBatch(reply, maxBytes, c::responseBuffer));
    }

    private static CompletableFuture<MemoryRecords> records(KafkaConnection c, String topic, int partition,
                                                            long offset, long available, int maxBytes,
                                                            Function<ByteBuf, MemoryRecords> reader) {
        long count = Math.min(available, Math.max(1, Math.min(MAX_POLL_COUNT, maxBytes / BYTES_PER_RECORD_GUESS)));
        PollMessages poll = new PollMessages(READER, c.broker().stream(), Identifier.named(topic), partition,
                PollingStrategy.offset(offset), count, false);
        return c.iggy().call(CommandCode.POLL_MESSAGES, poll::encode, reader);
    }

    /**
     * Starts reading {@code batch} (its partition from its offset, at most its size) ahead of the Fetch
     * that will ask for it, into a pooled buffer the batch owns; a failed read leaves it empty.
     *
     * @param available how many messages lie between the batch's offset and the end offset
     */
    static void readAhead(KafkaConnection c, FetchPrefetch.Batch batch, long available) {
        records(c, batch.topic, batch.partition, batch.offset, available, batch.maxBytes, reply -> {
            int head = reply.readerIndex();
            if (reply.writerIndex() - head >= POLL_HEAD_LENGTH + MessageLayout.HEADER_LENGTH) {
                FetchPrefetch.Batch.identity(reply, head + POLL_HEAD_LENGTH, batch.first);
            }
            return toBatch(reply, batch.maxBytes, capacity -> {
                batch.buffer = c.broker().alloc().directBuffer(capacity, capacity);
                return batch.buffer.nioBuffer(0, capacity);
            });
        }).whenComplete((records, failure) -> {
            if (records != null) {
                batch.records = records;
            }
            batch.completed();
        });
    }

    /** Records read ahead and confirmed, with the partition's end offset when they were. */
    record Confirmed(MemoryRecords records, long end) {
    }

    /**
     * @return the records read ahead in {@code batch} when its first message is still the one stored at
     *         its offset (their buffer then belongs to the current response), else null (the batch dropped;
     *         also when the confirming poll failed: the caller's plain read then reports why)
     */
    static CompletableFuture<Confirmed> confirm(KafkaConnection c, FetchPrefetch.Batch batch) {
        return batch.ready.thenCompose(ready -> {
            if (ready.records.sizeInBytes() == 0 || ready.buffer == null) {
                ready.drop();
                return CompletableFuture.<Confirmed>completedFuture(null);
            }
            return endIfStillFirst(c, ready).thenApply(end -> {
                if (end < 0) {
                    ready.drop();
                    return null;
                }
                c.adoptResponseBuffer(ready.handOver());
                return new Confirmed(ready.records, end);
            });
        });
    }

    /**
     * @return the partition's end offset when the message at the batch's offset is still the one the
     *         batch starts with, else -1
     */
    private static CompletableFuture<Long> endIfStillFirst(KafkaConnection c, FetchPrefetch.Batch batch) {
        long[] now = new long[4];
        PollMessages poll = new PollMessages(READER, c.broker().stream(), Identifier.named(batch.topic),
                batch.partition, PollingStrategy.offset(batch.offset), 1, false);
        return c.iggy().call(CommandCode.POLL_MESSAGES, poll::encode, reply -> {
            int head = reply.readerIndex();
            if (reply.getUnsignedIntLE(head + POLL_COUNT_OFFSET) == 0
                    || reply.writerIndex() - head < POLL_HEAD_LENGTH + MessageLayout.HEADER_LENGTH) {
                return -1L;
            }
            FetchPrefetch.Batch.identity(reply, head + POLL_HEAD_LENGTH, now);
            // The head's current offset is the partition's last: the end offset is one past it.
            return Arrays.equals(now, batch.first) ? reply.getLongLE(head + POLL_CURRENT_OFFSET) + 1 : -1L;
        }).exceptionally(failure -> -1L);
    }

    /**
     * Turns a poll_messages reply (16-byte head, then stored message frames) into one Kafka batch, built
     * in a buffer from {@code buffers} (the connection's pooled response buffers).
     */
    static MemoryRecords toBatch(ByteBuf reply, int maxBytes, IntFunction<ByteBuffer> buffers) {
        int head = reply.readerIndex();
        long messages = reply.getUnsignedIntLE(head + POLL_COUNT_OFFSET);
        int frame = head + POLL_HEAD_LENGTH;
        if (messages == 0 || frame >= reply.writerIndex()) {
            return MemoryRecords.EMPTY;
        }
        long firstOffset = reply.getLongLE(frame + MessageLayout.OFFSET_OFFSET);
        // A Kafka record is never larger than the Iggy frame it comes from (64-byte header against at
        // most 36 bytes of varints), so this holds the batch without growing.
        int capacity = Math.min(reply.writerIndex() - frame, maxBytes) + BATCH_OVERHEAD;
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffers.apply(capacity), Compression.NONE,
                TimestampType.CREATE_TIME, firstOffset);
        RecordMapping.Scratch scratch = new RecordMapping.Scratch();
        for (long i = 0; i < messages && frame < reply.writerIndex(); i++) {
            if (builder.numRecords() > 0 && builder.estimatedSizeInBytes() >= maxBytes) {
                break;
            }
            frame += RecordMapping.appendTo(builder, reply, frame, scratch);
        }
        return builder.build();
    }
}
