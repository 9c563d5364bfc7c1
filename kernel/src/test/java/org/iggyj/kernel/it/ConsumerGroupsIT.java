package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.IggyErrors.assertIggyError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroup;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.consumergroup.ConsumerGroupMember;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.system.ClientInfo;
import org.apache.iggy.system.ClientInfoDetails;
import org.apache.iggy.system.ConsumerGroupInfo;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer groups through the official Java SDK (binary-protocol.md §4.9, §2.2, §2.3, §5.5, §5.7;
 * server-semantics.md §3.7, §3.8): create, get, list, delete, join, leave, the assignment members
 * see, polling and offsets as a member, client records. Members use single-connection clients,
 * since membership belongs to a connection. Each test works on its own topic.
 */
@Timeout(120)
class ConsumerGroupsIT {

    private static final long STREAM = 0;
    private static final int GROUP_KIND = 2;

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;
    private static IggyTcpClient admin;
    /** Members shared by the tests that do not depend on a client's full list of groups. */
    private static IggyTcpClient a;
    private static IggyTcpClient b;
    private static IggyTcpClient c;

    @BeforeAll
    static void start() throws IOException {
        server = servers.start();
        admin = server.loggedInClient();
        a = server.singleConnectionClient();
        b = server.singleConnectionClient();
        c = server.singleConnectionClient();
        servers.closedWithServers(() -> SdkClients.closeAll(admin, a, b, c));
        assertEquals(STREAM, admin.streams().createStream("groups").id());
    }

    private static long topic(String name, long partitions) {
        return admin.topics().createTopic(StreamId.of(STREAM), partitions, CompressionAlgorithm.None,
                BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), name).id();
    }

    private static ConsumerGroupDetails details(long topic, long group) {
        return admin.consumerGroups().getConsumerGroup(STREAM, topic, group).orElseThrow();
    }

    private static void sendTo(long topic, long partition, int count, String prefix) {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(Message.of(prefix + i));
        }
        admin.messages().sendMessages(STREAM, topic, Partitioning.partitionId(partition), batch);
    }

    private static PolledMessages pollNext(IggyTcpClient member, long topic, Optional<Long> partition, long group,
                                           long count) {
        return member.messages().pollMessages(StreamId.of(STREAM), TopicId.of(topic), partition,
                Consumer.group(group), PollingStrategy.next(), count, true);
    }

    private static long offsetOf(Message m) {
        return m.header().offset().longValueExact();
    }

    @Test
    void createGetListDelete() {
        long topic = topic("crud", 3);
        ConsumerGroupDetails first = admin.consumerGroups().createConsumerGroup(STREAM, topic, "first");
        assertEquals(0L, first.id());
        assertEquals("first", first.name());
        assertEquals(3L, first.partitionsCount());
        assertEquals(0L, first.membersCount());
        assertEquals(1L, admin.consumerGroups().createConsumerGroup(STREAM, topic, "second").id());
        assertIggyError(5004, () -> admin.consumerGroups().createConsumerGroup(STREAM, topic, "first"));

        List<ConsumerGroup> listed = admin.consumerGroups().getConsumerGroups(STREAM, topic);
        assertEquals(List.of(new ConsumerGroup(0L, "first", 3L, 0L), new ConsumerGroup(1L, "second", 3L, 0L)),
                listed);
        ConsumerGroupDetails byName = admin.consumerGroups().getConsumerGroup(StreamId.of(STREAM),
                TopicId.of("crud"), ConsumerId.of("second")).orElseThrow();
        assertEquals(1L, byName.id());
        assertTrue(admin.consumerGroups().getConsumerGroup(STREAM, topic, 7L).isEmpty());
        assertTrue(admin.consumerGroups().getConsumerGroup(STREAM, 999L, 0L).isEmpty());
        assertTrue(admin.consumerGroups().getConsumerGroups(STREAM, 999L).isEmpty());
        assertIggyError(2010, () -> admin.consumerGroups().createConsumerGroup(STREAM, 999L, "x"));
        assertIggyError(1009, () -> admin.consumerGroups().createConsumerGroup(999L, topic, "x"));

        admin.consumerGroups().deleteConsumerGroup(STREAM, topic, 0L);
        assertTrue(admin.consumerGroups().getConsumerGroup(STREAM, topic, 0L).isEmpty());
        assertIggyError(5000, () -> admin.consumerGroups().deleteConsumerGroup(STREAM, topic, 0L));
        assertEquals(0L, admin.consumerGroups().createConsumerGroup(STREAM, topic, "third").id(),
                "the lowest free id is reused");
    }

    @Test
    void joinLeaveAndAssignment() {
        long topic = topic("assign", 4);
        long group = admin.consumerGroups().createConsumerGroup(STREAM, topic, "g").id();
        assertIggyError(5000, () -> admin.consumerGroups().joinConsumerGroup(STREAM, topic, 9L));
        assertIggyError(5006, () -> admin.consumerGroups().leaveConsumerGroup(STREAM, topic, group));
        IggyTcpClient first = server.singleConnectionClient();
        IggyTcpClient second = server.singleConnectionClient();
        try {
            first.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            first.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            assertEquals(List.of(new ConsumerGroupMember(0L, 4L, List.of(0L, 1L, 2L, 3L))), details(topic, group).members(),
                    "joining again is a no-op");
            second.consumerGroups().joinConsumerGroup(StreamId.of(STREAM), TopicId.of("assign"), ConsumerId.of("g"));
            assertEquals(List.of(new ConsumerGroupMember(0L, 2L, List.of(0L, 2L)),
                    new ConsumerGroupMember(1L, 2L, List.of(1L, 3L))), details(topic, group).members());

            admin.partitions().createPartitions(StreamId.of(STREAM), TopicId.of(topic), 2L);
            ConsumerGroupDetails grown = details(topic, group);
            assertEquals(6L, grown.partitionsCount());
            assertEquals(List.of(new ConsumerGroupMember(0L, 3L, List.of(0L, 2L, 4L)),
                    new ConsumerGroupMember(1L, 3L, List.of(1L, 3L, 5L))), grown.members());
            admin.partitions().deletePartitions(StreamId.of(STREAM), TopicId.of(topic), 3L);
            assertEquals(List.of(new ConsumerGroupMember(0L, 2L, List.of(0L, 2L)),
                    new ConsumerGroupMember(1L, 1L, List.of(1L))), details(topic, group).members());

            first.consumerGroups().leaveConsumerGroup(STREAM, topic, group);
            assertIggyError(5006, () -> first.consumerGroups().leaveConsumerGroup(STREAM, topic, group));
            assertEquals(List.of(new ConsumerGroupMember(1L, 3L, List.of(0L, 1L, 2L))), details(topic, group).members());
            first.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            assertEquals(List.of(new ConsumerGroupMember(1L, 2L, List.of(0L, 2L)),
                    new ConsumerGroupMember(2L, 1L, List.of(1L))), details(topic, group).members());
        } finally {
            SdkClients.closeAll(first, second);
        }
        // Closing the connections leaves the group; the departure is applied asynchronously.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (details(topic, group).membersCount() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0L, details(topic, group).membersCount());
    }

    @Test
    void membersPollTheirOwnPartitionsRoundRobinWithGroupOffsets() {
        long topic = topic("poll", 3);
        for (int p = 0; p < 3; p++) {
            sendTo(topic, p, 10, "p" + p + "-");
        }
        long group = admin.consumerGroups().createConsumerGroup(STREAM, topic, "readers").id();
        {
            assertIggyError(5006, () -> pollNext(a, topic, Optional.empty(), group, 4));
            assertIggyError(5000, () -> pollNext(a, topic, Optional.empty(), 42, 4));
            a.consumerGroups().joinConsumerGroup(STREAM, topic, group);

            List<Long> partitionsPolled = new ArrayList<>();
            List<List<Long>> offsets = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < 9; i++) {
                PolledMessages polled = pollNext(a, topic, Optional.empty(), group, 4);
                partitionsPolled.add(polled.partitionId());
                polled.messages().forEach(m -> offsets.get(polled.partitionId().intValue()).add(offsetOf(m)));
                polled.messages().forEach(m -> assertTrue(new String(m.payload(), StandardCharsets.UTF_8)
                        .startsWith("p" + polled.partitionId() + "-")));
            }
            assertEquals(List.of(0L, 1L, 2L, 0L, 1L, 2L, 0L, 1L, 2L), partitionsPolled, "round robin");
            List<Long> all = IntStream.range(0, 10).mapToObj(Long::valueOf).toList();
            offsets.forEach(o -> assertEquals(all, o, "each partition read once, in order, from the group offset"));
            assertEquals(0L, pollNext(a, topic, Optional.empty(), group, 4).count());

            b.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            // a owns {0, 2} now, b owns {1}.
            PolledMessages notOwned = pollNext(a, topic, Optional.of(1L), group, 4);
            assertEquals(0L, notOwned.count());
            assertEquals(0L, notOwned.partitionId());
            assertEquals(BigInteger.ZERO, notOwned.currentOffset());

            // Group offsets: readable by anyone, partition 0 by default.
            assertEquals(BigInteger.valueOf(9), admin.consumerOffsets().getConsumerOffset(StreamId.of(STREAM),
                    TopicId.of(topic), Optional.empty(), Consumer.group(group)).orElseThrow().storedOffset());
            assertEquals(1L, admin.consumerOffsets().getConsumerOffset(StreamId.of(STREAM), TopicId.of(topic),
                    Optional.of(1L), Consumer.group(group)).orElseThrow().partitionId());
            assertTrue(admin.consumerOffsets().getConsumerOffset(StreamId.of(STREAM), TopicId.of(topic),
                    Optional.empty(), Consumer.group(77L)).isEmpty());

            // Storing needs membership and, with a partition id, ownership.
            assertIggyError(5006, () -> admin.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM),
                    TopicId.of(topic), Optional.of(0L), Consumer.group(group), BigInteger.ONE));
            assertIggyError(3022, () -> a.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM),
                    TopicId.of(topic), Optional.of(1L), Consumer.group(group), BigInteger.ONE));
            a.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM), TopicId.of(topic), Optional.of(0L),
                    Consumer.group(group), BigInteger.valueOf(4));
            PolledMessages resumed = pollNext(a, topic, Optional.of(0L), group, 2);
            assertEquals(List.of(5L, 6L), resumed.messages().stream().map(ConsumerGroupsIT::offsetOf).toList());

            // The regular consumer with the same number has its own offsets.
            assertTrue(admin.consumerOffsets().getConsumerOffset(StreamId.of(STREAM), TopicId.of(topic),
                    Optional.of(0L), Consumer.of(group)).isEmpty());
        }
    }

    @Test
    void memberWithoutPartitionGetsEmptyResults() {
        long topic = topic("narrow", 1);
        sendTo(topic, 0, 3, "m");
        long group = admin.consumerGroups().createConsumerGroup(STREAM, topic, "g").id();
        {
            a.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            b.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            PolledMessages idle = pollNext(b, topic, Optional.empty(), group, 10);
            assertEquals(0L, idle.count());
            assertEquals(0L, idle.partitionId());
            assertEquals(BigInteger.ZERO, idle.currentOffset());
            assertIggyError(3022, () -> b.consumerOffsets().storeConsumerOffset(StreamId.of(STREAM),
                    TopicId.of(topic), Optional.empty(), Consumer.group(group), BigInteger.ONE));
            assertEquals(3L, pollNext(a, topic, Optional.empty(), group, 10).count());

            // a leaves: b takes over at the group's offset and finds nothing left to read.
            a.consumerGroups().leaveConsumerGroup(STREAM, topic, group);
            sendTo(topic, 0, 2, "late");
            PolledMessages takeover = pollNext(b, topic, Optional.empty(), group, 10);
            assertEquals(List.of(3L, 4L), takeover.messages().stream().map(ConsumerGroupsIT::offsetOf).toList());
        }
    }

    @Test
    void deleteGroupOffsetAsMemberOverRawFrames() throws IOException {
        long topic = topic("raw", 1);
        sendTo(topic, 0, 3, "r");
        long group = admin.consumerGroups().createConsumerGroup(STREAM, topic, "g").id();
        try (RawConnection member = new RawConnection(server.tcpAddress());
             RawConnection outsider = new RawConnection(server.tcpAddress())) {
            assertEquals(0, member.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
            assertEquals(0, outsider.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
            assertEquals(0, member.call(604, groupRef(topic, group)).status());
            RawConnection.Reply polled = member.call(100, poll(topic, group));
            assertEquals(0, polled.status());
            assertEquals(2, polled.body().getInt(12), "messages count");
            assertEquals(5006, outsider.call(122, offsetRef(topic, group)).status());
            assertEquals(0, member.call(122, offsetRef(topic, group)).status());
            assertEquals(3021, member.call(122, offsetRef(topic, group)).status());
            assertEquals(0, member.call(605, groupRef(topic, group)).status());
            assertEquals(5006, member.call(605, groupRef(topic, group)).status());
        }
        assertTrue(admin.consumerOffsets().getConsumerOffset(StreamId.of(STREAM), TopicId.of(topic),
                Optional.empty(), Consumer.group(group)).isEmpty());
    }

    private static ByteBuffer numeric(ByteBuffer b, long id) {
        return b.put((byte) 1).put((byte) 4).putInt((int) id);
    }

    private static byte[] groupRef(long topic, long group) {
        ByteBuffer b = RawConnection.le(18);
        numeric(numeric(numeric(b, STREAM), topic), group);
        return b.array();
    }

    /** consumer (group), stream, topic, no partition. */
    private static ByteBuffer groupConsumerHead(int extra, long topic, long group) {
        ByteBuffer b = RawConnection.le(1 + 6 + 6 + 6 + 5 + extra);
        b.put((byte) GROUP_KIND);
        numeric(numeric(numeric(b, group), STREAM), topic);
        return b.put((byte) 0).putInt(0);
    }

    private static byte[] poll(long topic, long group) {
        ByteBuffer b = groupConsumerHead(9 + 4 + 1, topic, group);
        b.put((byte) 5).putLong(0).putInt(2).put((byte) 1);
        return b.array();
    }

    private static byte[] offsetRef(long topic, long group) {
        return groupConsumerHead(0, topic, group).array();
    }

    @Test
    void clientRecordsListJoinedGroups() {
        long topic = topic("clients", 2);
        long group = admin.consumerGroups().createConsumerGroup(STREAM, topic, "watchers").id();
        try (IggyTcpClient fresh = server.singleConnectionClient()) {
            assertEquals(List.of(), fresh.system().getMe().consumerGroups());
            fresh.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            ClientInfoDetails me = fresh.system().getMe();
            assertEquals(1L, me.consumerGroupsCount());
            assertEquals(List.of(new ConsumerGroupInfo(STREAM, topic, group)), me.consumerGroups());
            ClientInfoDetails viaAdmin = admin.system().getClient(me.clientId());
            assertEquals(me.consumerGroups(), viaAdmin.consumerGroups());
            ClientInfo listed = admin.system().getClients().stream()
                    .filter(c -> c.clientId().equals(me.clientId())).findFirst().orElseThrow();
            assertEquals(1L, listed.consumerGroupsCount());
            assertTrue(admin.system().getStats().consumerGroupsCount() >= 1);

            admin.consumerGroups().deleteConsumerGroup(STREAM, topic, group);
            assertEquals(List.of(), fresh.system().getMe().consumerGroups(), "deleting a group ends its memberships");
        }
    }

    @Test
    void groupsSurviveRestartWithoutMembersAndDeleteDropsTheirOffsets(@TempDir Path dir) throws IOException {
        List<IggyTcpClient> clients = new ArrayList<>();
        try (TestServer own = TestServer.start(dir, Map.of())) {
            IggyTcpClient setup = own.loggedInClient();
            clients.add(setup);
            setup.streams().createStream("s");
            setup.topics().createTopic(StreamId.of(0L), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                    BigInteger.ZERO, Optional.empty(), "t");
            setup.messages().sendMessages(0L, 0L, Partitioning.partitionId(0L),
                    List.of(Message.of("a"), Message.of("b")));
            setup.consumerGroups().createConsumerGroup(0L, 0L, "kept");
            setup.consumerGroups().createConsumerGroup(0L, 0L, "dropped");
            IggyTcpClient member = own.singleConnectionClient();
            clients.add(member);
            member.consumerGroups().joinConsumerGroup(0L, 0L, 1L);
            assertEquals(2L, pollOwn(member, 1L).count());
            assertEquals(BigInteger.ONE, setup.consumerOffsets().getConsumerOffset(StreamId.of(0L), TopicId.of(0L),
                    Optional.empty(), Consumer.group(1L)).orElseThrow().storedOffset());

            own.restart();
            IggyTcpClient after = own.loggedInClient();
            clients.add(after);
            List<ConsumerGroup> groups = after.consumerGroups().getConsumerGroups(0L, 0L);
            assertEquals(List.of(new ConsumerGroup(0L, "kept", 1L, 0L), new ConsumerGroup(1L, "dropped", 1L, 0L)),
                    groups, "groups survive a restart, their members do not");
            assertTrue(after.consumerOffsets().getConsumerOffset(StreamId.of(0L), TopicId.of(0L),
                    Optional.empty(), Consumer.group(1L)).isPresent(), "group offsets survive a restart");
            after.consumerGroups().deleteConsumerGroup(0L, 0L, 1L);
            assertEquals(1L, after.consumerGroups().createConsumerGroup(0L, 0L, "fresh").id());
            assertTrue(after.consumerOffsets().getConsumerOffset(StreamId.of(0L), TopicId.of(0L),
                    Optional.empty(), Consumer.group(1L)).isEmpty(), "a new group starts without offsets");
        } finally {
            SdkClients.closeAll(clients.toArray(IggyTcpClient[]::new));
        }
    }

    private static PolledMessages pollOwn(IggyTcpClient member, long group) {
        return member.messages().pollMessages(StreamId.of(0L), TopicId.of(0L), Optional.empty(),
                Consumer.group(group), PollingStrategy.next(), 10L, true);
    }

    @Test
    void assignmentArraysMatchTheDocumentedExample() {
        // server-semantics.md §3.8 example, full-rebalance flavour: 3 partitions, members A, B, C.
        long topic = topic("example", 3);
        long group = admin.consumerGroups().createConsumerGroup(STREAM, topic, "g").id();
        {
            a.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            b.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            c.consumerGroups().joinConsumerGroup(STREAM, topic, group);
            long[][] expected = {{0}, {1}, {2}};
            List<ConsumerGroupMember> members = details(topic, group).members();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], members.get(i).partitions().stream().mapToLong(Long::longValue).toArray());
            }
            b.consumerGroups().leaveConsumerGroup(STREAM, topic, group);
            assertEquals(List.of(new ConsumerGroupMember(0L, 2L, List.of(0L, 2L)),
                    new ConsumerGroupMember(2L, 1L, List.of(1L))), details(topic, group).members());
        }
    }
}
