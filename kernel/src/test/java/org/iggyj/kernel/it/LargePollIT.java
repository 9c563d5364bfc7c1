package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One poll of 10,240 messages of 1 KiB over plain TCP, as much as Kafka's consumer fetches per partition
 * per request (10 MiB) and what the comparison's consumers ask for: the reply (~11 MB, sent with sendfile
 * from several segments of 4 MiB, in many partial writes) arrives whole and in order through the official
 * SDK, and the poll after it starts where it ended.
 */
@Timeout(120)
class LargePollIT {

    private static final int MESSAGE_BYTES = 1024;
    private static final int BATCH = 1000;
    private static final int MESSAGES = 11 * BATCH;
    private static final int POLL = 10_240;

    @TempDir
    Path dataDir;

    @Test
    void aTenMebibytePollArrivesWholeFromSeveralSegments() throws Exception {
        try (TestServer server = TestServer.start(dataDir, Map.of("IGGY_SYSTEM_SEGMENT_SIZE", "4 MiB"))) {
            IggyTcpClient client = server.loggedInClient();
            try {
                long stream = client.streams().createStream("large-polls").id();
                long topic = client.topics().createTopic(StreamId.of(stream), 1L, CompressionAlgorithm.None,
                        BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "t").id();
                for (int b = 0; b < MESSAGES / BATCH; b++) {
                    List<Message> batch = new ArrayList<>(BATCH);
                    for (int j = 0; j < BATCH; j++) {
                        batch.add(Message.of(payload(b * BATCH + j)));
                    }
                    client.messages().sendMessages(StreamId.of(stream), TopicId.of(topic),
                            Partitioning.partitionId(0L), batch);
                }

                PolledMessages first = poll(client, stream, topic, 0, POLL);
                assertEquals(POLL, first.messages().size());
                assertMessages(first, 0);
                PolledMessages rest = poll(client, stream, topic, POLL, POLL);
                assertEquals(MESSAGES - POLL, rest.messages().size());
                assertMessages(rest, POLL);
            } finally {
                client.close();
            }
        }
    }

    private static PolledMessages poll(IggyTcpClient client, long stream, long topic, long offset, long count) {
        return client.messages().pollMessages(StreamId.of(stream), TopicId.of(topic), Optional.of(0L),
                Consumer.of(MessageChecks.READER), PollingStrategy.offset(BigInteger.valueOf(offset)), count, false);
    }

    private static void assertMessages(PolledMessages polled, long firstOffset) {
        for (int i = 0; i < polled.messages().size(); i++) {
            Message m = polled.messages().get(i);
            long offset = firstOffset + i;
            assertEquals(offset, m.header().offset().longValueExact(), "offset");
            assertArrayEquals(payload((int) offset).getBytes(StandardCharsets.US_ASCII), m.payload(),
                    "payload of offset " + offset);
        }
    }

    /** 1 KiB that differs from every other message's, so a reply out of order or shifted fails. */
    private static String payload(int index) {
        StringBuilder s = new StringBuilder(MESSAGE_BYTES).append(index).append(':');
        while (s.length() < MESSAGE_BYTES) {
            s.append((char) ('a' + (index + s.length()) % 26));
        }
        return s.toString();
    }
}
