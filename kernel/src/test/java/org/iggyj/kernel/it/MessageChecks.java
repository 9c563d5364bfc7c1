package org.iggyj.kernel.it;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;

/**
 * Polling helpers and a value view of polled messages (the SDK's {@link Message} record compares
 * its payload array by reference).
 */
final class MessageChecks {

    /** Consumer id used for plain reads that never store offsets. */
    static final long READER = 999L;

    private MessageChecks() {
    }

    /** Everything the server returns about one message, comparable by value. */
    record Polled(BigInteger offset, BigInteger id, BigInteger timestamp, BigInteger originTimestamp,
                  BigInteger checksum, long userHeadersLength, long payloadLength, String payload,
                  Map<HeaderKey, HeaderValue> headers) {

        static Polled of(Message m) {
            return new Polled(m.header().offset(), m.header().id().toBigInteger(), m.header().timestamp(),
                    m.header().originTimestamp(), m.header().checksum(), m.header().userHeadersLength(),
                    m.header().payloadLength(), new String(m.payload(), StandardCharsets.UTF_8), m.userHeaders());
        }

        long offsetValue() {
            return offset.longValueExact();
        }
    }

    static PolledMessages poll(IggyTcpClient client, long stream, long topic, long partition,
                               PollingStrategy strategy, long count) {
        return client.messages().pollMessages(StreamId.of(stream), TopicId.of(topic), Optional.of(partition),
                Consumer.of(READER), strategy, count, false);
    }

    static List<Polled> values(PolledMessages polled) {
        return polled.messages().stream().map(Polled::of).toList();
    }

    static List<Long> offsets(PolledMessages polled) {
        return polled.messages().stream().map(m -> m.header().offset().longValueExact()).toList();
    }

    static List<Long> range(long fromInclusive, long toExclusive) {
        List<Long> list = new ArrayList<>();
        for (long i = fromInclusive; i < toExclusive; i++) {
            list.add(i);
        }
        return list;
    }

    /** Reads a whole partition with the offset strategy, page by page. */
    static List<Polled> pollAll(IggyTcpClient client, long stream, long topic, long partition) {
        List<Polled> all = new ArrayList<>();
        // bounded: a server ignoring the start offset must fail the test, not loop forever
        for (int page = 0; page < 1000; page++) {
            PolledMessages polled = poll(client, stream, topic, partition,
                    PollingStrategy.offset(BigInteger.valueOf(all.size())), 1000);
            if (polled.messages().isEmpty()) {
                return all;
            }
            all.addAll(values(polled));
        }
        throw new AssertionError("partition " + partition + " never ran out of messages");
    }
}
