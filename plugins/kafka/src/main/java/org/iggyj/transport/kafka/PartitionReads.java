package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
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

    /**
     * Iggy polls by count, and the kernel reads exactly that many stored messages: a partition's byte
     * budget is turned into a count with the Kafka record size of the connection's previous read of that
     * partition (this guess before the first), a sixteenth over, and the batch is cut at the budget in
     * Kafka bytes. (With a fixed guess of 128 bytes, a 1 MiB fetch of 1 KiB messages read 8192 of them,
     * about 9 MiB, to send 1 MiB.)
     */
    static final int FIRST_RECORD_GUESS = 128;
    /**
     * The smallest Kafka record: its length, attributes, timestamp and offset deltas, key and value lengths
     * and header count, one byte each.
     */
    static final int SMALLEST_RECORD = 7;
    private static final int MAX_POLL_COUNT = 10_000;
    /** poll_messages reply head: partition u32, current offset u64, count u32. */
    private static final int POLL_HEAD_LENGTH = 16;
    private static final int POLL_CURRENT_OFFSET = 4;
    private static final int POLL_COUNT_OFFSET = 12;
    /** Regular-consumer id the plugin's polls use; they never store offsets. */
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
     * What one poll of a partition gave.
     *
     * @param records the records read, as one batch (empty when the poll returned nothing)
     * @param end     the partition's end offset (the offset its next message gets) when the poll returned
     *                records, else -1: Iggy's poll reply carries the partition's last offset, which for an
     *                empty reply does not tell an empty partition from one holding only offset 0
     */
    record Read(MemoryRecords records, long end) {
    }

    /**
     * Reads from {@code offset} up to about {@code maxBytes} (at least one record, as Kafka does), as
     * one uncompressed batch built straight from the poll reply's bytes. One call to the partition's
     * owner: the end offset comes with the records (the poll reply's current offset).
     */
    static CompletableFuture<Read> records(KafkaConnection c, String topic, int partition, long offset,
                                           int maxBytes) {
        long count = pollCount(maxBytes, c.recordBytesSeen(topic, partition));
        PollMessages poll = new PollMessages(READER, c.broker().stream(), Identifier.named(topic), partition,
                PollingStrategy.offset(offset), count, false);
        return c.iggy().call(CommandCode.POLL_MESSAGES, poll::encode, reply -> {
            long messages = reply.getUnsignedIntLE(reply.readerIndex() + POLL_COUNT_OFFSET);
            if (messages == 0) {
                return new Read(MemoryRecords.EMPTY, -1);
            }
            long end = reply.getLongLE(reply.readerIndex() + POLL_CURRENT_OFFSET) + 1;
            MemoryRecords batch = toBatch(reply, maxBytes, c::responseBuffer);
            int records = batch.sizeInBytes() == 0 ? 0
                    : batch.buffer().getInt(DefaultRecordBatch.RECORDS_COUNT_OFFSET);
            if (records > 0) {
                c.recordBytesSeen(topic, partition,
                        (batch.sizeInBytes() - DefaultRecordBatch.RECORD_BATCH_OVERHEAD) / records);
            }
            return new Read(batch, end);
        });
    }

    /** @return how many messages to poll for about {@code maxBytes} of Kafka records of {@code recordBytes} each */
    static long pollCount(int maxBytes, int recordBytes) {
        long count = (long) maxBytes / recordBytes;
        return Math.max(1, Math.min(MAX_POLL_COUNT, count + count / 16 + 1));
    }

    /**
     * Turns a poll_messages reply (16-byte head, then stored message frames) into one Kafka batch, built
     * in a buffer from {@code buffers} (the connection's pooled response buffers).
     */
    static MemoryRecords toBatch(ByteBuf reply, int maxBytes, IntFunction<ByteBuf> buffers) {
        int head = reply.readerIndex();
        long messages = reply.getUnsignedIntLE(head + POLL_COUNT_OFFSET);
        int start = head + POLL_HEAD_LENGTH;
        if (messages == 0 || start >= reply.writerIndex()) {
            return MemoryRecords.EMPTY;
        }
        ByteBuf frames = framesOf(reply, start);
        int from = frames == reply ? start : frames.readerIndex();
        return toBatch(frames, from, frames.writerIndex(), (int) Math.min(messages, Integer.MAX_VALUE), maxBytes,
                buffers);
    }

    /**
     * @return the buffer holding all the reply's stored frames from {@code start} on (its readable bytes):
     *         a poll reply is a composite of its head and the frames read, and every access to a composite
     *         looks its component up first (a dozen accesses per record); the reply itself when it is not
     *         such a composite
     */
    static ByteBuf framesOf(ByteBuf reply, int start) {
        if (reply instanceof CompositeByteBuf composite) {
            int index = composite.toComponentIndex(start);
            ByteBuf part = composite.internalComponent(index);
            int from = part.readerIndex() + start - composite.toByteIndex(index);
            if (part.writerIndex() - from == reply.writerIndex() - start) {
                return part.slice(from, part.writerIndex() - from);
            }
        }
        return reply;
    }

    /** Frames lie in {@code [frame, end)} of {@code in}. */
    private static MemoryRecords toBatch(ByteBuf in, int frame, int end, int messages, int maxBytes,
                                         IntFunction<ByteBuf> buffers) {
        long firstOffset = in.getLongLE(frame + MessageLayout.OFFSET_OFFSET);
        // Kafka's limit counts the bytes sent, so the batch is cut when its records (not the frames they
        // come from, 5% larger for 1 KiB values) reach the budget: as many records per Fetch as a broker
        // sends from its log. A Kafka record is never larger than its Iggy frame (see FrameBatchWriter), so
        // the buffer, sized from the frames, never grows.
        int budget = Math.max(maxBytes - DefaultRecordBatch.RECORD_BATCH_OVERHEAD, frameLength(in, frame, end));
        int capacity = Math.min(end - frame, budget) + DefaultRecordBatch.RECORD_BATCH_OVERHEAD;
        FrameBatchWriter batch = new FrameBatchWriter(buffers.apply(capacity), firstOffset, maxBytes);
        ByteBuffer frames = FrameBatchWriter.frames(in, frame, end);
        int at = 0;
        int length = end - frame;
        int appended = 0;
        while (appended < messages && at < length) {
            int used = batch.append(frames, at, length);
            if (used == 0) {
                break;
            }
            at += used;
            appended++;
        }
        return batch.build();
    }

    /** @return the stored frame's length (header, payload, user headers), or the rest of the reply when that is less */
    private static int frameLength(ByteBuf reply, int frame, int end) {
        int rest = end - frame;
        if (rest < MessageLayout.HEADER_LENGTH) {
            return rest;
        }
        long length = MessageLayout.HEADER_LENGTH + reply.getUnsignedIntLE(frame + MessageLayout.PAYLOAD_LENGTH_OFFSET)
                + reply.getUnsignedIntLE(frame + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        return (int) Math.min(rest, length);
    }
}
