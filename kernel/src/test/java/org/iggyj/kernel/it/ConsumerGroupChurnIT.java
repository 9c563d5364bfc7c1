package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.consumergroup.ConsumerGroupMember;
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
 * Three members join and leave a group while consuming 100,000 messages from six partitions with
 * {@code next} and auto-commit. The test thread changes membership at chosen points and numbers
 * the periods in between ("epochs": even = membership stable, odd = a change in flight). It then
 * checks that every message was consumed at least once, that no message went to two different
 * members within one stable epoch, and, after every change and while waiting, that no partition
 * is listed for two members.
 */
// The bounds reflect machine speed only (2 cores under load 20-45 while other builds run); every wait
// ends as soon as its condition holds.
@Timeout(240)
class ConsumerGroupChurnIT {

    private static final int TOTAL = 100_000;
    private static final int BATCH = 1000;
    private static final long PARTITIONS = 6;
    private static final long POLL_COUNT = 250;
    private static final long STREAM = 0;
    private static final long TOPIC = 0;
    private static final long GROUP = 0;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(180);
    private static final long ORDER_TIMEOUT_SECONDS = 60;

    @TempDir
    Path dataDir;

    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();

    /** One consumed message: the stable epoch it was polled in (-1 if none), where it was, which message. */
    private record Consumed(long epoch, long partition, long offset, int index) {
    }

    private enum Action { JOIN, LEAVE, STOP }

    private record Command(Action action, CompletableFuture<Void> done) {
    }

    /** A member: one connection, one thread, commands from the test thread through a mailbox. */
    private final class Member implements Runnable {

        final String name;
        final IggyTcpClient client;
        final BlockingQueue<Command> mailbox = new LinkedBlockingQueue<>();
        final List<Consumed> records = new ArrayList<>();
        volatile Throwable failure;
        private boolean joined;

        Member(String name, IggyTcpClient client) {
            this.name = name;
            this.client = client;
        }

        void order(Action action) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            mailbox.add(new Command(action, done));
            done.get(ORDER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void run() {
            try {
                boolean idle = true;
                while (true) {
                    Command command = idle ? mailbox.poll(10, TimeUnit.MILLISECONDS) : mailbox.poll();
                    if (command != null) {
                        if (!handle(command)) {
                            return;
                        }
                        continue;
                    }
                    idle = !joined || pollOnce() == 0;
                }
            } catch (Throwable t) {
                failure = t;
                Command pending;
                while ((pending = mailbox.poll()) != null) {
                    pending.done().completeExceptionally(t);
                }
            }
        }

        private boolean handle(Command command) {
            switch (command.action()) {
                case JOIN -> {
                    client.consumerGroups().joinConsumerGroup(STREAM, TOPIC, GROUP);
                    joined = true;
                }
                case LEAVE -> {
                    client.consumerGroups().leaveConsumerGroup(STREAM, TOPIC, GROUP);
                    joined = false;
                }
                default -> {
                    command.done().complete(null);
                    return false;
                }
            }
            command.done().complete(null);
            return true;
        }

        private long pollOnce() {
            long before = epoch.get();
            PolledMessages polled = client.messages().pollMessages(StreamId.of(STREAM), TopicId.of(TOPIC),
                    Optional.empty(), Consumer.group(GROUP), PollingStrategy.next(), POLL_COUNT, true);
            long after = epoch.get();
            long stable = before == after && before % 2 == 0 ? before : -1;
            for (Message m : polled.messages()) {
                String payload = new String(m.payload(), StandardCharsets.UTF_8);
                records.add(new Consumed(stable, polled.partitionId(), m.header().offset().longValueExact(),
                        Integer.parseInt(payload.substring(2))));
            }
            consumed.addAndGet(polled.messages().size());
            return polled.messages().size();
        }
    }

    @Test
    void membersJoiningAndLeavingNeverShareAPartitionNorAMessage() throws Exception {
        List<IggyTcpClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        TestServer server = TestServer.start(dataDir);
        try {
            IggyTcpClient admin = server.loggedInClient();
            clients.add(admin);
            admin.streams().createStream("churn");
            admin.topics().createTopic(StreamId.of(STREAM), PARTITIONS, CompressionAlgorithm.None, BigInteger.ZERO,
                    BigInteger.ZERO, Optional.empty(), "events");
            for (int first = 0; first < TOTAL; first += BATCH) {
                List<Message> batch = new ArrayList<>(BATCH);
                for (int i = first; i < first + BATCH; i++) {
                    batch.add(Message.of("m-" + i));
                }
                admin.messages().sendMessages(STREAM, TOPIC, Partitioning.balanced(), batch);
            }
            admin.consumerGroups().createConsumerGroup(STREAM, TOPIC, "churners");

            Map<String, Member> members = new HashMap<>();
            for (String name : List.of("A", "B", "C")) {
                IggyTcpClient client = server.singleConnectionClient();
                clients.add(client);
                Member member = new Member(name, client);
                members.put(name, member);
                Thread thread = new Thread(member, "member-" + name);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }

            long deadline = System.nanoTime() + DEADLINE_NANOS;
            Set<String> joined = new HashSet<>();
            change(admin, members, joined, "A", Action.JOIN, deadline);
            awaitConsumed(admin, joined, 10_000, deadline);
            change(admin, members, joined, "B", Action.JOIN, deadline);
            awaitConsumed(admin, joined, 25_000, deadline);
            change(admin, members, joined, "C", Action.JOIN, deadline);
            awaitConsumed(admin, joined, 40_000, deadline);
            change(admin, members, joined, "A", Action.LEAVE, deadline);
            awaitConsumed(admin, joined, 55_000, deadline);
            change(admin, members, joined, "A", Action.JOIN, deadline);
            awaitConsumed(admin, joined, 70_000, deadline);
            change(admin, members, joined, "B", Action.LEAVE, deadline);
            awaitConsumed(admin, joined, 80_000, deadline);
            change(admin, members, joined, "C", Action.LEAVE, deadline);
            awaitConsumed(admin, joined, 90_000, deadline);
            change(admin, members, joined, "B", Action.JOIN, deadline);
            awaitAllCommitted(admin, joined, deadline);

            for (Member m : members.values()) {
                m.order(Action.STOP);
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            for (Member m : members.values()) {
                assertNull(m.failure, "member " + m.name + " failed: " + m.failure);
            }
            verify(members);
        } finally {
            SdkClients.closeAll(clients.toArray(IggyTcpClient[]::new));
            server.close();
        }
    }

    /** One membership change, bracketed by epoch increments, then the ownership check. */
    private void change(IggyTcpClient admin, Map<String, Member> members, Set<String> joined, String who,
                        Action action, long deadline) throws Exception {
        epoch.incrementAndGet();
        members.get(who).order(action);
        if (action == Action.JOIN) {
            joined.add(who);
        } else {
            joined.remove(who);
        }
        epoch.incrementAndGet();
        checkOwnership(admin, joined);
        assertTrue(System.nanoTime() < deadline, "out of time");
    }

    private void awaitConsumed(IggyTcpClient admin, Set<String> joined, long atLeast, long deadline) {
        while (consumed.get() < atLeast) {
            checkOwnership(admin, joined);
            if (System.nanoTime() > deadline) {
                fail("only " + consumed.get() + " of " + atLeast + " messages consumed in time");
            }
        }
    }

    /** Waits until the group's committed offset is at the end of every partition. */
    private static void awaitAllCommitted(IggyTcpClient admin, Set<String> joined, long deadline) {
        for (long p = 0; p < PARTITIONS; p++) {
            while (true) {
                checkOwnership(admin, joined);
                BigInteger end = admin.topics().getTopic(StreamId.of(STREAM), TopicId.of(TOPIC)).orElseThrow()
                        .partitions().get((int) p).currentOffset();
                var stored = admin.consumerOffsets().getConsumerOffset(StreamId.of(STREAM), TopicId.of(TOPIC),
                        Optional.of(p), Consumer.group(GROUP));
                if (stored.isPresent() && stored.get().storedOffset().equals(end)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail("partition " + p + " not consumed to its end " + end + " in time, stored " + stored);
                }
            }
        }
    }

    /** The member lists name every partition exactly once, and as many members as have joined. */
    private static void checkOwnership(IggyTcpClient admin, Set<String> joined) {
        ConsumerGroupDetails group = admin.consumerGroups().getConsumerGroup(STREAM, TOPIC, GROUP).orElseThrow();
        assertEquals(joined.size(), group.members().size(), "members " + group.members());
        Set<Long> seen = new HashSet<>();
        for (ConsumerGroupMember m : group.members()) {
            for (Long p : m.partitions()) {
                assertTrue(seen.add(p), "partition " + p + " listed for two members: " + group.members());
            }
        }
        assertEquals(PARTITIONS, seen.size(), "every partition has an owner: " + group.members());
    }

    private static void verify(Map<String, Member> members) {
        BitSet seen = new BitSet(TOTAL);
        Map<Long, Map<List<Long>, String>> ownerByEpoch = new HashMap<>();
        Set<String> consumersInStableEpochs = new HashSet<>();
        long stableRecords = 0;
        for (Member m : members.values()) {
            for (Consumed c : m.records) {
                seen.set(c.index());
                if (c.epoch() < 0) {
                    continue;
                }
                stableRecords++;
                consumersInStableEpochs.add(m.name);
                String previous = ownerByEpoch.computeIfAbsent(c.epoch(), e -> new HashMap<>())
                        .putIfAbsent(List.of(c.partition(), c.offset()), m.name);
                if (previous != null && !previous.equals(m.name)) {
                    fail("message at partition " + c.partition() + ", offset " + c.offset() + " went to " + previous
                            + " and " + m.name + " in stable epoch " + c.epoch());
                }
            }
        }
        assertEquals(TOTAL, seen.cardinality(), "every message consumed at least once");
        assertEquals(Set.of("A", "B", "C"), consumersInStableEpochs, "every member consumed while stable");
        assertTrue(stableRecords > TOTAL / 2, "most messages were consumed while membership was stable");
    }
}
