package org.iggyj.kernel.it;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;

/**
 * Sends batches of numbered messages to partition 0 of a topic with the official SDK and remembers
 * which numbers were acknowledged and which belonged to a batch answered with an error; reads a
 * partition back as the list of numbers it holds. The storage-fault tests compare the two.
 */
final class SequencedProducer {

    private static final int SEQUENCE_DIGITS = 10;

    private final long stream;
    private final long topic;
    private final int batchSize;
    private final String padding;
    private final List<Long> acked = new ArrayList<>();
    private final Set<Long> failed = new HashSet<>();
    private long next;

    SequencedProducer(long stream, long topic, int batchSize, int payloadBytes) {
        this.stream = stream;
        this.topic = topic;
        this.batchSize = batchSize;
        this.padding = "x".repeat(Math.max(0, payloadBytes - SEQUENCE_DIGITS));
    }

    /** @return 0 when the batch was acknowledged, else the Iggy error code it was answered with */
    int sendBatch(IggyTcpClient client) {
        List<Message> batch = new ArrayList<>(batchSize);
        List<Long> numbers = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            long number = next++;
            numbers.add(number);
            batch.add(Message.of(String.format("%0" + SEQUENCE_DIGITS + "d", number) + padding));
        }
        try {
            client.messages().sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(0L), batch);
            acked.addAll(numbers);
            return 0;
        } catch (RuntimeException e) {
            failed.addAll(numbers);
            return errorCode(e);
        }
    }

    /** Sends until a batch is refused (at most {@code maxBatches}); @return the refusal's error code, or 0 */
    int sendUntilRefused(IggyTcpClient client, int maxBatches) {
        for (int i = 0; i < maxBatches; i++) {
            int code = sendBatch(client);
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    static int errorCode(RuntimeException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IggyServerException server) {
                return server.getRawErrorCode();
            }
        }
        throw e;
    }

    List<Long> acked() {
        return acked;
    }

    Set<Long> failed() {
        return failed;
    }

    /** The numbers partition 0 holds, oldest first. */
    List<Long> readAll(IggyTcpClient client) {
        List<Long> numbers = new ArrayList<>();
        long offset = 0;
        while (true) {
            PolledMessages polled = client.messages().pollMessages(StreamId.of(stream), TopicId.of(topic),
                Optional.of(0L), Consumer.of(1L), PollingStrategy.offset(BigInteger.valueOf(offset)), 1000L, false);
            if (polled.messages().isEmpty()) {
                return numbers;
            }
            for (Message m : polled.messages()) {
                String text = new String(m.payload(), 0, SEQUENCE_DIGITS, StandardCharsets.US_ASCII);
                numbers.add(Long.parseLong(text));
                offset = m.header().offset().longValue() + 1;
            }
        }
    }

    /**
     * The acknowledged numbers from {@code first} on: what the partition must hold once the segments
     * before {@code first} were deleted.
     */
    List<Long> ackedFrom(long first) {
        return acked.stream().filter(n -> n >= first).toList();
    }
}
