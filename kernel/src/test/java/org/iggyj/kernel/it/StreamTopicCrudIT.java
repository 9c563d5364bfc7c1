package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.IggyErrors.assertIggyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.partition.Partition;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.Topic;
import org.apache.iggy.topic.TopicDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream, topic and partition management through the official Java SDK: 0-based ids, lookups by
 * id and by name, "not found" getters answering empty, and the error codes of binary-protocol.md §4.6–§4.8.
 */
@Timeout(120)
class StreamTopicCrudIT {

    /** u64::MAX as the SDK reads it: "never expire" / "unlimited". */
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;
    private IggyTcpClient client;

    @BeforeEach
    void start() throws Exception {
        server = servers.start();
        client = server.loggedInClient();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void streamLifecycle() {
        StreamDetails alpha = client.streams().createStream("alpha");
        assertEquals(0L, alpha.id());
        assertEquals("alpha", alpha.name());
        assertEquals(0L, alpha.topicsCount());
        assertEquals(BigInteger.ZERO, alpha.messagesCount());
        assertTrue(alpha.topics().isEmpty());
        assertTrue(alpha.createdAt().signum() > 0);

        StreamDetails beta = client.streams().createStream("beta");
        assertEquals(1L, beta.id());
        assertEquals("beta", beta.name());

        assertIggyError(1012, () -> client.streams().createStream("alpha"));

        StreamDetails byId = client.streams().getStream(StreamId.of(0L)).orElseThrow();
        assertEquals("alpha", byId.name());
        assertEquals(alpha.createdAt(), byId.createdAt());
        StreamDetails byName = client.streams().getStream(StreamId.of("beta")).orElseThrow();
        assertEquals(1L, byName.id());
        assertEquals(Optional.empty(), client.streams().getStream(StreamId.of(7L)));
        assertEquals(Optional.empty(), client.streams().getStream(StreamId.of("missing")));

        List<StreamBase> all = client.streams().getStreams();
        assertEquals(List.of(0L, 1L), all.stream().map(StreamBase::id).toList());
        assertEquals(List.of("alpha", "beta"), all.stream().map(StreamBase::name).toList());

        client.streams().updateStream(StreamId.of(0L), "alpha-2");
        assertEquals("alpha-2", client.streams().getStream(StreamId.of(0L)).orElseThrow().name());
        assertEquals(Optional.empty(), client.streams().getStream(StreamId.of("alpha")));
        assertEquals(0L, client.streams().getStream(StreamId.of("alpha-2")).orElseThrow().id());
        assertIggyError(1012, () -> client.streams().updateStream(StreamId.of(0L), "beta"));
        assertIggyError(1009, () -> client.streams().updateStream(StreamId.of(9L), "gamma"));

        client.streams().deleteStream(StreamId.of(0L));
        assertEquals(Optional.empty(), client.streams().getStream(StreamId.of(0L)));
        assertIggyError(1009, () -> client.streams().deleteStream(StreamId.of(0L)));
        assertIggyError(1009, () -> client.streams().deleteStream(StreamId.of("alpha-2")));
        assertEquals(List.of(1L), client.streams().getStreams().stream().map(StreamBase::id).toList());

        // the freed slot is the only free one below the high-water mark, so it is reused
        assertEquals(0L, client.streams().createStream("gamma").id());
    }

    @Test
    void topicLifecycle() {
        client.streams().createStream("shop");

        TopicDetails orders = client.topics().createTopic(StreamId.of(0L), 3L, CompressionAlgorithm.None,
                BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "orders");
        assertEquals(0L, orders.id());
        assertEquals("orders", orders.name());
        assertEquals(3L, orders.partitionsCount());
        assertEquals(List.of(0L, 1L, 2L), partitionIds(orders.partitions()));
        for (Partition p : orders.partitions()) {
            assertEquals(BigInteger.ZERO, p.currentOffset());
            assertEquals(BigInteger.ZERO, p.messagesCount());
        }
        assertEquals(CompressionAlgorithm.None, orders.compressionAlgorithm());
        assertEquals((short) 1, orders.replicationFactor());
        // 0 = server default, resolved on create; the defaults are "never" and "unlimited"
        assertEquals(U64_MAX, orders.messageExpiry());
        assertEquals(U64_MAX, orders.maxTopicSize());
        assertEquals(BigInteger.ZERO, orders.messagesCount());

        TopicDetails events = client.topics().createTopic(StreamId.of("shop"), 1L, CompressionAlgorithm.Gzip,
                BigInteger.valueOf(60_000_000L), U64_MAX, Optional.of((short) 2), "events");
        assertEquals(1L, events.id());
        assertEquals(BigInteger.valueOf(60_000_000L), events.messageExpiry());
        assertEquals(CompressionAlgorithm.Gzip, events.compressionAlgorithm());
        assertEquals((short) 2, events.replicationFactor());
        assertEquals(List.of(0L), partitionIds(events.partitions()));

        assertIggyError(2013, () -> client.topics().createTopic(StreamId.of(0L), 1L, CompressionAlgorithm.None,
                BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "orders"));
        assertIggyError(1009, () -> client.topics().createTopic(StreamId.of(5L), 1L, CompressionAlgorithm.None,
                BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "orders"));

        TopicDetails byId = client.topics().getTopic(StreamId.of(0L), TopicId.of(0L)).orElseThrow();
        assertEquals("orders", byId.name());
        assertEquals(orders.createdAt(), byId.createdAt());
        TopicDetails byName = client.topics().getTopic(StreamId.of("shop"), TopicId.of("events")).orElseThrow();
        assertEquals(1L, byName.id());
        assertEquals(Optional.empty(), client.topics().getTopic(StreamId.of(0L), TopicId.of(9L)));
        assertEquals(Optional.empty(), client.topics().getTopic(StreamId.of(9L), TopicId.of(0L)));

        List<Topic> topics = client.topics().getTopics(StreamId.of(0L));
        assertEquals(List.of(0L, 1L), topics.stream().map(Topic::id).toList());
        assertEquals(List.of("orders", "events"), topics.stream().map(Topic::name).toList());
        assertEquals(List.of(), client.topics().getTopics(StreamId.of(9L)));
        StreamDetails shop = client.streams().getStream(StreamId.of(0L)).orElseThrow();
        assertEquals(2L, shop.topicsCount());
        assertEquals(List.of(0L, 1L), shop.topics().stream().map(Topic::id).toList());

        // partitions
        client.partitions().createPartitions(StreamId.of(0L), TopicId.of(0L), 2L);
        TopicDetails five = client.topics().getTopic(StreamId.of(0L), TopicId.of(0L)).orElseThrow();
        assertEquals(5L, five.partitionsCount());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), partitionIds(five.partitions()));

        client.partitions().deletePartitions(StreamId.of(0L), TopicId.of(0L), 1L);
        TopicDetails four = client.topics().getTopic(StreamId.of(0L), TopicId.of(0L)).orElseThrow();
        assertEquals(4L, four.partitionsCount());
        assertEquals(List.of(0L, 1L, 2L, 3L), partitionIds(four.partitions()));

        assertIggyError(2019, () -> client.partitions().deletePartitions(StreamId.of(0L), TopicId.of(0L), 10L));
        assertEquals(4L, client.topics().getTopic(StreamId.of(0L), TopicId.of(0L)).orElseThrow().partitionsCount());
        assertIggyError(2010, () -> client.partitions().createPartitions(StreamId.of(0L), TopicId.of(7L), 1L));

        // update
        client.topics().updateTopic(StreamId.of(0L), TopicId.of(0L), CompressionAlgorithm.Gzip,
                BigInteger.valueOf(120_000_000L), U64_MAX, Optional.of((short) 3), "orders-v2");
        TopicDetails updated = client.topics().getTopic(StreamId.of(0L), TopicId.of(0L)).orElseThrow();
        assertEquals("orders-v2", updated.name());
        assertEquals(BigInteger.valueOf(120_000_000L), updated.messageExpiry());
        assertEquals(U64_MAX, updated.maxTopicSize());
        assertEquals(CompressionAlgorithm.Gzip, updated.compressionAlgorithm());
        assertEquals((short) 3, updated.replicationFactor());
        assertEquals(4L, updated.partitionsCount());
        assertEquals(Optional.empty(), client.topics().getTopic(StreamId.of(0L), TopicId.of("orders")));
        assertIggyError(2013, () -> client.topics().updateTopic(StreamId.of(0L), TopicId.of(0L),
                CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "events"));
        assertIggyError(2010, () -> client.topics().updateTopic(StreamId.of(0L), TopicId.of(8L),
                CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "x"));

        // delete topic, then stream
        client.topics().deleteTopic(StreamId.of(0L), TopicId.of(0L));
        assertEquals(Optional.empty(), client.topics().getTopic(StreamId.of(0L), TopicId.of(0L)));
        assertEquals(Optional.empty(), client.topics().getTopic(StreamId.of(0L), TopicId.of("orders-v2")));
        assertIggyError(2010, () -> client.topics().deleteTopic(StreamId.of(0L), TopicId.of(0L)));
        assertEquals(List.of(1L), client.topics().getTopics(StreamId.of(0L)).stream().map(Topic::id).toList());

        client.streams().deleteStream(StreamId.of(0L));
        assertEquals(Optional.empty(), client.streams().getStream(StreamId.of(0L)));
        assertEquals(Optional.empty(), client.topics().getTopic(StreamId.of(0L), TopicId.of(1L)));
        assertIggyError(1009, () -> client.streams().deleteStream(StreamId.of(0L)));
        assertEquals(List.of(), client.streams().getStreams());
    }

    private static List<Long> partitionIds(List<Partition> partitions) {
        return partitions.stream().map(Partition::id).toList();
    }
}
