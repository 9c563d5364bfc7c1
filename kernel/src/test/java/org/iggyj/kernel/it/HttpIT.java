package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.IggyErrors.assertHttpError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.http.IggyHttpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroup;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.consumeroffset.ConsumerOffsetInfo;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo;
import org.apache.iggy.personalaccesstoken.RawPersonalAccessToken;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.system.ClientInfo;
import org.apache.iggy.system.Stats;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.Topic;
import org.apache.iggy.topic.TopicDetails;
import org.apache.iggy.user.GlobalPermissions;
import org.apache.iggy.user.IdentityInfo;
import org.apache.iggy.user.Permissions;
import org.apache.iggy.user.UserInfo;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST transport driven by the official Java SDK's blocking HTTP client (http-api.md §5, §10):
 * login, stream/topic/partition management, send and poll, consumer offsets, consumer groups, users,
 * permissions, personal access tokens, stats and clients. One server for the class; each test works
 * in its own stream or user so the tests do not depend on each other's state.
 */
@Timeout(120)
class HttpIT {

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static IggyHttpClient root;

    @BeforeAll
    static void start() throws Exception {
        server = servers.start();
        root = servers.closedWithServers(server.loggedInHttpClient());
    }

    private static IggyHttpClient anonymous() {
        return IggyHttpClient.builder().host("127.0.0.1").port(server.httpAddress().getPort()).build();
    }

    private static StreamDetails stream(String name) {
        return root.streams().createStream(name);
    }

    private static TopicDetails topic(long stream, String name, long partitions) {
        return root.topics().createTopic(StreamId.of(stream), (long) partitions, CompressionAlgorithm.None,
                BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), name);
    }

    @Test
    void pingAndLogin() throws Exception {
        try (IggyHttpClient client = anonymous()) {
            assertEquals("pong", client.system().ping());
            IdentityInfo identity = client.users().login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
            assertEquals(0L, identity.userId());
            assertFalse(identity.accessToken().orElseThrow().token().isBlank());
            assertTrue(client.streams().getStreams() != null);
            assertHttpError(42, () -> client.users().login(TestServer.ROOT_USERNAME, "wrong"));
        }
    }

    @Test
    void streamsTopicsAndPartitions() {
        StreamDetails created = stream("http-crud");
        assertEquals("http-crud", created.name());
        assertEquals(0L, created.topicsCount());
        StreamId sid = StreamId.of(created.id());
        assertEquals(created.id(), root.streams().getStream(StreamId.of("http-crud")).orElseThrow().id());
        assertEquals(Optional.empty(), root.streams().getStream(StreamId.of(9_999L)));
        assertEquals(Optional.empty(), root.streams().getStream(StreamId.of("missing-stream")));
        assertTrue(root.streams().getStreams().stream().map(StreamBase::name).toList().contains("http-crud"));
        assertHttpError(1012, () -> stream("http-crud"));

        root.streams().updateStream(sid, "http-crud-2");
        assertEquals("http-crud-2", root.streams().getStream(sid).orElseThrow().name());

        TopicDetails t = root.topics().createTopic(sid, 2L, CompressionAlgorithm.Gzip, U64_MAX, U64_MAX,
                Optional.empty(), "orders");
        assertEquals(0L, t.id());
        assertEquals(2L, t.partitionsCount());
        assertEquals(List.of(0L, 1L), t.partitions().stream().map(p -> p.id()).toList());
        assertEquals(CompressionAlgorithm.Gzip, t.compressionAlgorithm());
        assertEquals(U64_MAX, t.messageExpiry());
        TopicId tid = TopicId.of(t.id());
        assertEquals(Optional.empty(), root.topics().getTopic(sid, TopicId.of(42L)));
        assertHttpError(2013, () -> root.topics().createTopic(sid, 1L, CompressionAlgorithm.None,
                BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "orders"));

        root.topics().updateTopic(sid, tid, CompressionAlgorithm.None, BigInteger.valueOf(60_000_000L), U64_MAX,
                Optional.empty(), "orders-2");
        TopicDetails updated = root.topics().getTopic(sid, TopicId.of("orders-2")).orElseThrow();
        assertEquals(BigInteger.valueOf(60_000_000L), updated.messageExpiry());
        assertEquals(List.of("orders-2"), root.topics().getTopics(sid).stream().map(Topic::name).toList());

        root.partitions().createPartitions(sid, tid, 3L);
        assertEquals(5L, root.topics().getTopic(sid, tid).orElseThrow().partitionsCount());
        root.partitions().deletePartitions(sid, tid, 4L);
        assertEquals(1L, root.topics().getTopic(sid, tid).orElseThrow().partitionsCount());
        assertHttpError(2019, () -> root.partitions().deletePartitions(sid, tid, 5L));

        root.topics().deleteTopic(sid, tid);
        assertEquals(Optional.empty(), root.topics().getTopic(sid, tid));
        root.streams().deleteStream(sid);
        assertEquals(Optional.empty(), root.streams().getStream(sid));
        assertHttpError(1009, () -> root.streams().deleteStream(sid));
    }

    @Test
    void sendPollAndConsumerOffsets() {
        long s = stream("http-messages").id();
        long t = topic(s, "events", 2).id();
        StreamId sid = StreamId.of(s);
        TopicId tid = TopicId.of(t);
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(Message.of("m-" + i, Map.of(HeaderKey.fromString("n"), HeaderValue.fromInt32(i))));
        }
        root.messages().sendMessages(sid, tid, Partitioning.partitionId(1L), batch);
        root.messages().sendMessages(sid, tid, Partitioning.messagesKey("k"), List.of(Message.of("keyed")));

        PolledMessages polled = root.messages().pollMessages(sid, tid, Optional.of(1L), Consumer.of(7L),
                PollingStrategy.offset(BigInteger.ZERO), 100L, false);
        assertEquals(10, polled.messages().size());
        assertEquals(BigInteger.valueOf(9), polled.currentOffset());
        for (int i = 0; i < 10; i++) {
            Message m = polled.messages().get(i);
            assertArrayEquals(("m-" + i).getBytes(StandardCharsets.UTF_8), m.payload());
            assertEquals(BigInteger.valueOf(i), m.header().offset());
            assertEquals(HeaderValue.fromInt32(i), m.userHeaders().get(HeaderKey.fromString("n")));
        }
        PolledMessages last = root.messages().pollMessages(sid, tid, Optional.of(1L), Consumer.of(7L),
                PollingStrategy.last(), 1L, false);
        assertArrayEquals("m-9".getBytes(StandardCharsets.UTF_8), last.messages().get(0).payload());

        // next + auto_commit walks the partition and stores the offset
        PolledMessages first3 = root.messages().pollMessages(sid, tid, Optional.of(1L), Consumer.of(8L),
                PollingStrategy.next(), 3L, true);
        assertEquals(3, first3.messages().size());
        ConsumerOffsetInfo stored = root.consumerOffsets().getConsumerOffset(sid, tid, Optional.of(1L),
                Consumer.of(8L)).orElseThrow();
        assertEquals(BigInteger.TWO, stored.storedOffset());
        assertEquals(BigInteger.valueOf(9), stored.currentOffset());
        PolledMessages next = root.messages().pollMessages(sid, tid, Optional.of(1L), Consumer.of(8L),
                PollingStrategy.next(), 1L, false);
        assertEquals(BigInteger.valueOf(3), next.messages().get(0).header().offset());

        root.consumerOffsets().storeConsumerOffset(sid, tid, Optional.of(1L),
                Consumer.of(ConsumerId.of("named")), BigInteger.valueOf(5));
        assertEquals(BigInteger.valueOf(5), root.consumerOffsets().getConsumerOffset(sid, tid, Optional.of(1L),
                Consumer.of(ConsumerId.of("named"))).orElseThrow().storedOffset());
        assertEquals(Optional.empty(), root.consumerOffsets().getConsumerOffset(sid, tid, Optional.of(1L),
                Consumer.of(99L)));
        assertHttpError(4100, () -> root.consumerOffsets().storeConsumerOffset(sid, tid, Optional.of(1L),
                Consumer.of(9L), BigInteger.valueOf(50)));

        // empty poll: zeros, as Iggy 0.8 answers
        PolledMessages empty = root.messages().pollMessages(sid, tid, Optional.of(1L), Consumer.of(7L),
                PollingStrategy.offset(BigInteger.valueOf(100)), 10L, false);
        assertTrue(empty.messages().isEmpty());
        assertHttpError(2010, () -> root.messages().sendMessages(sid, TopicId.of(77L), Partitioning.balanced(),
                List.of(Message.of("x"))));
    }

    @Test
    void consumerGroupsCrud() {
        long s = stream("http-groups").id();
        long t = topic(s, "jobs", 3).id();
        StreamId sid = StreamId.of(s);
        TopicId tid = TopicId.of(t);
        ConsumerGroupDetails g = root.consumerGroups().createConsumerGroup(sid, tid, "workers");
        assertEquals("workers", g.name());
        assertEquals(3L, g.partitionsCount());
        assertEquals(0L, g.membersCount());
        root.consumerGroups().createConsumerGroup(sid, tid, "auditors");
        assertHttpError(5004, () -> root.consumerGroups().createConsumerGroup(sid, tid, "workers"));
        assertEquals(List.of("workers", "auditors"),
                root.consumerGroups().getConsumerGroups(sid, tid).stream().map(ConsumerGroup::name).toList());
        assertEquals(g.id(), root.consumerGroups().getConsumerGroup(sid, tid, ConsumerId.of("workers"))
                .orElseThrow().id());
        root.consumerGroups().deleteConsumerGroup(sid, tid, ConsumerId.of(g.id()));
        assertEquals(Optional.empty(), root.consumerGroups().getConsumerGroup(sid, tid, ConsumerId.of(g.id())));
        assertEquals(1, root.consumerGroups().getConsumerGroups(sid, tid).size());
    }

    @Test
    void usersPermissionsAndPersonalAccessTokens() throws Exception {
        Permissions readOnly = new Permissions(new GlobalPermissions(false, false, false, false, false, true,
                false, true, false, false), Map.of());
        UserInfoDetails alice = root.users().createUser("http-alice", "secret1", UserStatus.Active,
                Optional.of(readOnly));
        assertEquals("http-alice", alice.username());
        assertEquals(readOnly, alice.permissions().orElseThrow());
        assertHttpError(46, () -> root.users().createUser("http-alice", "secret1", UserStatus.Active,
                Optional.empty()));
        assertTrue(root.users().getUsers().stream().map(UserInfo::username).toList().contains("http-alice"));
        assertEquals(Optional.empty(), root.users().getUser(9_999L));

        try (IggyHttpClient client = anonymous()) {
            assertEquals(alice.id(), client.users().login("http-alice", "secret1").userId());
            client.streams().getStreams();
            assertHttpError(41, () -> client.streams().createStream("forbidden"));
            client.users().changePassword(alice.id(), "secret1", "secret2");
        }
        try (IggyHttpClient client = anonymous()) {
            assertHttpError(42, () -> client.users().login("http-alice", "secret1"));
            client.users().login("http-alice", "secret2");
        }

        root.users().updatePermissions(alice.id(), Optional.empty());
        assertEquals(Optional.empty(), root.users().getUser(alice.id()).orElseThrow().permissions());
        root.users().updateUser(alice.id(), Optional.of("http-alice-2"), Optional.of(UserStatus.Inactive));
        UserInfoDetails renamed = root.users().getUser(alice.id()).orElseThrow();
        assertEquals("http-alice-2", renamed.username());
        assertEquals(UserStatus.Inactive, renamed.status());
        try (IggyHttpClient client = anonymous()) {
            assertHttpError(47, () -> client.users().login("http-alice-2", "secret2"));
        }
        root.users().deleteUser(alice.id());
        assertEquals(Optional.empty(), root.users().getUser(alice.id()));

        RawPersonalAccessToken pat = root.personalAccessTokens().createPersonalAccessToken("http-pat",
                BigInteger.ZERO);
        assertFalse(pat.token().isBlank());
        List<PersonalAccessTokenInfo> pats = root.personalAccessTokens().getPersonalAccessTokens();
        assertEquals(List.of("http-pat"), pats.stream().map(PersonalAccessTokenInfo::name).toList());
        assertHttpError(51, () -> root.personalAccessTokens().createPersonalAccessToken("http-pat",
                BigInteger.ZERO));
        try (IggyHttpClient client = anonymous()) {
            assertEquals(0L, client.personalAccessTokens().loginWithPersonalAccessToken(pat.token()).userId());
            client.streams().getStreams();
        }
        root.personalAccessTokens().deletePersonalAccessToken("http-pat");
        assertTrue(root.personalAccessTokens().getPersonalAccessTokens().isEmpty());
        try (IggyHttpClient client = anonymous()) {
            assertHttpError(20, () -> client.personalAccessTokens().loginWithPersonalAccessToken(pat.token()));
        }
    }

    @Test
    void statsAndClients() {
        long s = stream("http-stats").id();
        topic(s, "one", 1);
        try (IggyTcpClient tcp = server.loggedInClient()) {
            Stats stats = root.system().getStats();
            assertTrue(stats.streamsCount() >= 1);
            assertTrue(stats.topicsCount() >= 1);
            assertEquals("0.8.0", stats.iggyServerVersion());
            List<ClientInfo> clients = root.system().getClients();
            assertFalse(clients.isEmpty());
            assertTrue(clients.stream().allMatch(c -> c.transport().equals("tcp")), "HTTP is stateless: " + clients);
            ClientInfo one = clients.get(0);
            assertEquals(one.address(), root.system().getClient(one.clientId()).address());
        }
    }
}
