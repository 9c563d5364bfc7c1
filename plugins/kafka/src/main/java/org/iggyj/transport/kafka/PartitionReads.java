package org.iggyj.transport.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.PollMessages;
import org.iggyj.protocol.response.PolledMessagesReader;
import org.iggyj.protocol.response.PolledMessagesReader.Message;
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
     * one uncompressed batch.
     *
     * @param available how many messages lie between {@code offset} and the end offset
     */
    static CompletableFuture<MemoryRecords> records(KafkaConnection c, String topic, int partition, long offset,
                                                    long available, int maxBytes) {
        long count = Math.min(available, Math.max(1, Math.min(MAX_POLL_COUNT, maxBytes / BYTES_PER_RECORD_GUESS)));
        return poll(c, topic, partition, PollingStrategy.offset(offset), count).thenApply(polled -> {
            if (polled.messages().isEmpty()) {
                return MemoryRecords.EMPTY;
            }
            MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(Math.min(maxBytes, 1 << 20) + 1024),
                    Compression.NONE, TimestampType.CREATE_TIME, polled.messages().get(0).offset());
            for (Message message : polled.messages()) {
                if (builder.numRecords() > 0 && builder.estimatedSizeInBytes() >= maxBytes) {
                    break;
                }
                RecordMapping.appendTo(builder, message);
            }
            return builder.build();
        });
    }
}
