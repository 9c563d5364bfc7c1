package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.iggyj.kernel.command.Commands;
import org.iggyj.kernel.command.KernelDispatcher;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metadata.GroupMember;
import org.iggyj.kernel.metadata.MemberKey;
import org.iggyj.kernel.metadata.MetadataRecovery;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicDefaults;
import org.iggyj.kernel.metadata.TopicSettings;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.StorageConfig;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.cluster.ClusterMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member lists' upkeep without clients: the leader drops the members of a node unreachable for
 * too long (once, and only as leader), and a node that meets members of its own earlier process
 * drops them; applying those entries removes exactly those members.
 */
class ClusterMembershipsTest {

    private static final long U64_MAX = -1L;
    /** Not the default (10 s): the configured timeout is the one applied. */
    private static final Duration DROP_AFTER = Duration.ofSeconds(3);
    private static final Identifier ZERO = Identifier.numeric(0);
    private static final MemberKey ON_NODE2 = new MemberKey("node2", 5, 1);
    private static final MemberKey OLD_ON_NODE1 = new MemberKey("node1", 4, 1);


    @TempDir
    Path dataDir;

    private ShardSet shards;
    private MetadataWriter writer;
    private ConsumerGroupWriter groups;
    private ClusterMemberships memberships;
    private final RecordingReplicator<MembershipEntry> log = new RecordingReplicator<>(MembershipEntry::decode);

    @BeforeEach
    void open() throws IOException {
        shards = new ShardSet(2);
        DataLayout layout = new DataLayout(dataDir);
        writer = new MetadataWriter(shards, layout, new StorageConfig(1 << 20, false, false),
                new TopicDefaults(U64_MAX, U64_MAX), () -> 1_700_000_000_000_000L);
        MetadataRecovery.recover(writer, layout);
        KernelDispatcher dispatcher = Commands.dispatcher(writer, new SessionRegistry(),
                UnpooledByteBufAllocator.DEFAULT, Runnable::run, dataDir, MicrosClock.SYSTEM, 10);
        groups = dispatcher.groupMemberships().groups();
        ClusterWrites writes = new ClusterWrites(UnpooledByteBufAllocator.DEFAULT, MicrosClock.SYSTEM, null);
        writes.attach(log);
        memberships = new ClusterMemberships("node1", dispatcher.groupMemberships(), writes,
                UnpooledByteBufAllocator.DEFAULT, DROP_AFTER);
        onWriter(() -> writer.createStream("orders"));
        onWriter(() -> writer.createTopic(ZERO, 2, new TopicSettings(1, 0, 0, 0, "events")));
        onWriter(() -> groups.create(ZERO, ZERO, "readers"));
    }

    @AfterEach
    void close() {
        memberships.close();
        shards.close();
    }

    @Test
    void shouldDropTheMembersOfANodeUnreachableTooLongWhenLeader() throws Exception {
        onWriter(() -> groups.join(ZERO, ZERO, ZERO, ON_NODE2, null));
        onWriter(() -> groups.join(ZERO, ZERO, ZERO, new MemberKey("node3", 6, 1), null));
        List<ClusterMember> node2Down = List.of(new ClusterMember("node1", true, true),
                new ClusterMember("node2", false, false), new ClusterMember("node3", false, true));
        long start = 1_000_000_000L;
        long dropAfter = DROP_AFTER.toNanos();

        memberships.checkNodes(node2Down, start);
        memberships.checkNodes(node2Down, start + dropAfter);
        memberships.checkNodes(List.of(new ClusterMember("node1", false, true),
                new ClusterMember("node2", true, false)), start + 2 * dropAfter);
        Thread.sleep(200);
        assertEquals(List.of(), log.changes, "not before the timeout, and not on a follower");

        memberships.checkNodes(node2Down, start + 3 * dropAfter);
        memberships.checkNodes(node2Down, start + 4 * dropAfter + 1);
        memberships.checkNodes(node2Down, start + 5 * dropAfter + 2);
        awaitChanges(1);
        Thread.sleep(200);
        assertEquals(List.of(new MembershipEntry(MembershipEntry.Op.DROP_NODE, 0, 0, 0, new MemberKey("node2", 5, 0))),
                log.changes, "dropped once, the process seen unreachable");

        memberships.apply(log.changes.get(0)).join();
        assertEquals(List.of(new MemberKey("node3", 6, 1)), memberKeys());
    }

    @Test
    void shouldKeepTheMembersOfANodeBackWithinTheTimeoutAndCountAgainWhenItGoesAgain() throws Exception {
        onWriter(() -> groups.join(ZERO, ZERO, ZERO, ON_NODE2, null));
        List<ClusterMember> node2Down = List.of(new ClusterMember("node1", true, true),
                new ClusterMember("node2", false, false));
        List<ClusterMember> node2Back = List.of(new ClusterMember("node1", true, true),
                new ClusterMember("node2", false, true));
        long start = 1_000_000_000L;
        long dropAfter = DROP_AFTER.toNanos();

        memberships.checkNodes(node2Down, start);
        memberships.checkNodes(node2Back, start + dropAfter - 1);
        memberships.checkNodes(node2Down, start + dropAfter + 1);
        memberships.checkNodes(node2Down, start + 2 * dropAfter);
        Thread.sleep(200);
        assertEquals(List.of(), log.changes, "back within the timeout; gone again for less than the timeout");

        memberships.checkNodes(node2Down, start + 2 * dropAfter + 2);
        awaitChanges(1);
        assertEquals(MembershipEntry.Op.DROP_NODE, log.changes.get(0).op());
    }

    @Test
    void shouldDropOnlyTheProcessSeenUnreachableNotMembersItsRestartJoinedMeanwhile() throws Exception {
        onWriter(() -> groups.join(ZERO, ZERO, ZERO, ON_NODE2, null));
        List<ClusterMember> node2Down = List.of(new ClusterMember("node1", true, true),
                new ClusterMember("node2", false, false));
        long start = 1_000_000_000L;
        memberships.checkNodes(node2Down, start);
        memberships.checkNodes(node2Down, start + DROP_AFTER.toNanos() + 1);
        awaitChanges(1);

        // node2 restarted (instance 9) and its client joined before the leader's drop was applied.
        MemberKey restarted = new MemberKey("node2", 9, 1);
        memberships.apply(new MembershipEntry(MembershipEntry.Op.JOIN, 0, 0, 0, restarted)).join();
        memberships.apply(log.changes.get(0)).join();
        assertEquals(List.of(restarted), memberKeys(), "the restarted process's member stays");

        memberships.apply(new MembershipEntry(MembershipEntry.Op.DROP_NODE, 0, 0, 0, new MemberKey("node2", 0, 0)))
                .join();
        assertEquals(List.of(), memberKeys(), "instance 0, as logged before instances were named: the whole node");
    }

    @Test
    void shouldDropTheMembersOfItsEarlierProcessWhenItMeetsOne() throws Exception {
        memberships.apply(new MembershipEntry(MembershipEntry.Op.JOIN, 0, 0, 0, ON_NODE2)).join();
        memberships.apply(new MembershipEntry(MembershipEntry.Op.JOIN, 0, 0, 0, OLD_ON_NODE1)).join();
        memberships.apply(new MembershipEntry(MembershipEntry.Op.JOIN, 0, 0, 0, new MemberKey("node1", 4, 2)))
                .join();
        assertEquals(3, memberKeys().size(), "replayed joins apply as on every node");

        awaitChanges(1);
        Thread.sleep(200);
        assertEquals(1, log.changes.size(), "submitted once");
        MembershipEntry drop = log.changes.get(0);
        assertEquals(MembershipEntry.Op.DROP_OTHER_INSTANCES, drop.op());
        assertEquals("node1", drop.key().node());

        memberships.apply(drop).join();
        assertEquals(List.of(ON_NODE2), memberKeys());
    }

    private List<MemberKey> memberKeys() {
        return writer.current().streams().get(0L).topics().get(0L).consumerGroups().get(0L).members().stream()
                .map(GroupMember::key).toList();
    }

    private void awaitChanges(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.changes.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(log.changes.size() >= count, "submitted: " + log.changes);
    }

    private <T> T onWriter(Supplier<T> op) {
        return writer.mutate(op).join();
    }
}
