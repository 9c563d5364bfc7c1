package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.iggyj.spi.cluster.ClusterMember;
import org.iggyj.kernel.command.GroupMemberships;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.MemberKey;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer group membership across nodes: every join and leave is a {@link MembershipEntry}, so
 * every node holds the same member list per group and computes the same assignment; members of one
 * group connected to different nodes get disjoint partitions.
 *
 * <p>Design note. A member is named by a {@link MemberKey} (this node's name, this process's
 * instance id, the connection's serial); only this process binds its own members to their live
 * sessions ({@link #bound}), the other nodes hold them unbound and only count them. A join or
 * leave is checked here (permission, group) and answered with this node's apply of its entry. A
 * session that closes submits one "leave every group" entry. Submissions from one node may reach
 * the log out of order around a leader change; a join of a session that has meanwhile closed is
 * therefore followed, when it applies here, by another leave, so the lists always converge.
 *
 * <p>Thread-safe: {@link #forward} runs on transport event loops, {@link #departed} on closing
 * threads, {@link #apply} on the applier thread (the change itself on the metadata shard), and
 * the submissions an apply triggers on this class's own thread (an apply must not submit).
 */
final class ClusterMemberships implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMemberships.class);
    /** Pause before a drop that did not commit (no leader yet) is submitted again. */
    private static final long RETRY_MS = 1000;
    /**
     * Default of {@code [cluster] unreachable_member_timeout}: how long the leader waits, after the
     * replication layer reports a node unreachable (itself six election timeouts without hearing from
     * it), before it drops that node's members. A node that only restarts is back by then and drops
     * its earlier members itself.
     */
    static final Duration DEFAULT_UNREACHABLE_DROP = Duration.ofSeconds(10);

    private final String node;
    private final long instance;
    private final GroupMemberships memberships;
    private final ClusterWrites writes;
    private final ByteBufAllocator alloc;
    private final long unreachableDropNanos;
    /** This process's sessions that joined a group, by serial. */
    private final Map<Long, ClientSession> bound = new ConcurrentHashMap<>();
    /** Set once this process has submitted the drop of its node's earlier processes' members. */
    private final AtomicBoolean earlierDropped = new AtomicBoolean();
    /** Leader only: since when each other node has been unreachable, and whether it was dropped. */
    private final Map<String, Unreachable> unreachable = new ConcurrentHashMap<>();

    /** A node reported unreachable. */
    private static final class Unreachable {
        private final long sinceNanos;
        private boolean dropped;

        private Unreachable(long sinceNanos) {
            this.sinceNanos = sinceNanos;
        }
    }
    private final ScheduledExecutorService submitter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "iggy-membership-replication");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param node        this node's name
     * @param memberships checks and applies membership changes
     * @param writes      submits the entries; its origin is this process's instance id
     * @param alloc       allocator for entries
     * @param unreachableDrop how long a node stays reported unreachable before the leader drops its members
     */
    ClusterMemberships(String node, GroupMemberships memberships, ClusterWrites writes, ByteBufAllocator alloc,
                       Duration unreachableDrop) {
        this.node = node;
        this.unreachableDropNanos = unreachableDrop.toNanos();
        this.instance = writes.origin();
        this.memberships = memberships;
        this.writes = writes;
        this.alloc = alloc;
    }

    /** @return whether the command is a join or leave, which this class replicates */
    static boolean handles(int code) {
        return code == CommandCode.JOIN_CONSUMER_GROUP || code == CommandCode.LEAVE_CONSUMER_GROUP;
    }

    private MemberKey keyOf(ClientSession session) {
        return new MemberKey(node, instance, session.serial());
    }

    /**
     * A client's join or leave: checked here, replicated, answered with this node's apply.
     *
     * @param session the client's session
     * @param code    join or leave
     * @param request the decoded request
     * @return the reply
     */
    CompletableFuture<Reply> forward(ClientSession session, int code, ConsumerGroupRef request) {
        GroupMemberships.Ref ref = memberships.resolve(session, request);
        boolean member = ref.group().member(session) != null;
        if (code == CommandCode.JOIN_CONSUMER_GROUP) {
            if (member) {
                return CompletableFuture.completedFuture(Reply.ok());
            }
            // Flag first, then check closed, as a single node does (ClientSession#markJoinedGroup):
            // a closing session either stops here or submits its leave after this join.
            session.markJoinedGroup();
            if (session.isClosed() || session.isStale()) {
                return CompletableFuture.completedFuture(Reply.ok());
            }
            bound.put(session.serial(), session);
            return submit(session.userId(), new MembershipEntry(MembershipEntry.Op.JOIN, ref.streamId(),
                    ref.topicId(), ref.groupId(), keyOf(session)));
        }
        if (!member) {
            throw new IggyException(ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND,
                    "this client is not a member of consumer group " + ref.groupId());
        }
        return submit(session.userId(), new MembershipEntry(MembershipEntry.Op.LEAVE, ref.streamId(), ref.topicId(),
                ref.groupId(), keyOf(session)));
    }

    /**
     * A session that joined a group closed or went stale: it leaves every group on every node.
     *
     * @param session the session
     */
    void departed(ClientSession session) {
        bound.remove(session.serial());
        submitAndForget(new MembershipEntry(MembershipEntry.Op.LEAVE_ALL, 0, 0, 0, keyOf(session)));
    }

    /**
     * Applies a committed membership change on the metadata shard, the same way on every node.
     *
     * @param change the change
     * @return the reply its submitter's client gets (errors decided here, the same everywhere)
     */
    CompletableFuture<Reply> apply(MembershipEntry change) {
        return memberships.metadata().mutate(() -> {
            try {
                return applyOnMetadataShard(change);
            } catch (IggyException e) {
                return Reply.error(e.errorCode().code());
            }
        });
    }

    private Reply applyOnMetadataShard(MembershipEntry change) {
        ConsumerGroupWriter groups = memberships.groups();
        MemberKey key = change.key();
        switch (change.op()) {
            case JOIN -> {
                noteEarlierInstance(key);
                ClientSession session = key.ownedBy(node, instance) ? bound.get(key.session()) : null;
                boolean gone = key.ownedBy(node, instance) && (session == null || session.isClosed()
                        || session.isStale());
                groups.join(Identifier.numeric(change.streamId()), Identifier.numeric(change.topicId()),
                        Identifier.numeric(change.groupId()), key, gone ? null : session);
                if (gone) {
                    // Its leave reached the log first: leave again, after this join.
                    bound.remove(key.session());
                    later(new MembershipEntry(MembershipEntry.Op.LEAVE_ALL, 0, 0, 0, key));
                }
            }
            case LEAVE -> groups.leave(Identifier.numeric(change.streamId()), Identifier.numeric(change.topicId()),
                    Identifier.numeric(change.groupId()), key);
            case LEAVE_ALL -> groups.removeMembers(m -> m.key().equals(key));
            case DROP_OTHER_INSTANCES -> groups.removeMembers(m -> m.key().node().equals(key.node())
                    && m.key().instance() != key.instance());
            case DROP_NODE -> rejoinLive(groups.removeMembers(m -> m.key().node().equals(key.node())
                    && (key.instance() == 0 || m.key().instance() == key.instance())));
            default -> throw new IllegalStateException("unknown membership change " + change.op());
        }
        return Reply.ok();
    }

    /**
     * This node was taken for dead while its clients stayed connected: its members that are still
     * live join again.
     */
    private void rejoinLive(List<ConsumerGroupWriter.Placed> dropped) {
        for (ConsumerGroupWriter.Placed p : dropped) {
            ClientSession session = p.member().session();
            if (p.member().key().ownedBy(node, instance) && session != null && !session.isClosed()
                    && !session.isStale()) {
                later(new MembershipEntry(MembershipEntry.Op.JOIN, p.streamId(), p.topicId(), p.groupId(),
                        p.member().key()));
            }
        }
    }

    /**
     * After a snapshot restored the member lists (unbound): binds this process's members to their
     * live sessions, and drops those of this node's earlier processes. Metadata shard only.
     */
    void onRestored() {
        memberships.groups().members().forEach(p -> noteEarlierInstance(p.member().key()));
        memberships.groups().rebind(m -> {
            if (m.session() != null || !m.key().ownedBy(node, instance)) {
                return m;
            }
            ClientSession live = bound.get(m.key().session());
            return live == null || live.isClosed() ? m : m.boundTo(live);
        });
    }

    /**
     * Members of this node's earlier processes (restored from a snapshot or replayed from the log)
     * have no connection any more: the first one seen makes this process submit, once, an entry
     * that drops them all. It is logged after every entry those processes could have submitted.
     */
    private void noteEarlierInstance(MemberKey key) {
        if (key.node().equals(node) && key.instance() != instance && earlierDropped.compareAndSet(false, true)) {
            dropEarlierInstances();
        }
    }

    private void dropEarlierInstances() {
        MembershipEntry drop = new MembershipEntry(MembershipEntry.Op.DROP_OTHER_INSTANCES, 0, 0, 0,
                new MemberKey(node, instance, 0));
        submitter.execute(() -> submitUntilCommitted(drop));
    }

    private void submitUntilCommitted(MembershipEntry change) {
        CompletableFuture<Reply> submitted;
        try {
            submitted = submit(0, change);
        } catch (RuntimeException e) {
            submitted = CompletableFuture.failedFuture(e);
        }
        submitted.whenComplete((reply, failure) -> {
            if (reply != null) {
                reply.release();
            }
            if (failure != null) {
                try {
                    submitter.schedule(() -> submitUntilCommitted(change), RETRY_MS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    // Stopping: the next start submits it again.
                }
            }
        });
    }

    /**
     * Starts the leader's watch over unreachable nodes: checked every second.
     *
     * @param nodes     every node with its role and health, as the replication layer sees them
     * @param nanoClock monotonic time
     */
    void watchNodes(Supplier<List<ClusterMember>> nodes, LongSupplier nanoClock) {
        submitter.scheduleWithFixedDelay(() -> {
            try {
                checkNodes(nodes.get(), nanoClock.getAsLong());
            } catch (RuntimeException e) {
                LOG.warn("Checking the nodes for consumer group members failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * On the leader: a node reported unreachable for longer than the drop timeout loses
     * its members (every node then reassigns their partitions). Its clients may still be connected
     * to it (a network partition): when it hears of the drop it makes them join again.
     *
     * @param nodes   every node's role and health now
     * @param nowNanos monotonic time now
     */
    void checkNodes(List<ClusterMember> nodes, long nowNanos) {
        boolean leader = nodes.stream().anyMatch(m -> m.leader() && m.name().equals(node));
        if (!leader) {
            unreachable.clear();
            return;
        }
        for (ClusterMember m : nodes) {
            if (m.name().equals(node) || m.healthy()) {
                unreachable.remove(m.name());
                continue;
            }
            Unreachable since = unreachable.computeIfAbsent(m.name(), n -> new Unreachable(nowNanos));
            if (!since.dropped && nowNanos - since.sinceNanos > unreachableDropNanos) {
                Set<Long> instances = instancesOf(m.name());
                if (instances.isEmpty()) {
                    continue;
                }
                since.dropped = true;
                LOG.info("Node '{}' has been unreachable for more than {} ms: its consumer group members leave",
                        m.name(), unreachableDropNanos / 1_000_000);
                // Only the processes seen now: a restarted process's members that join before this
                // entry is applied are live and stay.
                for (long instance : instances) {
                    later(new MembershipEntry(MembershipEntry.Op.DROP_NODE, 0, 0, 0,
                            new MemberKey(m.name(), instance, 0)));
                }
            }
        }
    }

    /**
     * @param other a node's name
     * @return the instance ids of that node's processes that own a member of any group
     */
    Set<Long> instancesOf(String other) {
        Set<Long> instances = new TreeSet<>();
        for (ConsumerGroupWriter.Placed p : memberships.groups().members()) {
            if (p.member().key().node().equals(other)) {
                instances.add(p.member().key().instance());
            }
        }
        return instances;
    }

    private void later(MembershipEntry change) {
        try {
            submitter.execute(() -> submitAndForget(change));
        } catch (RejectedExecutionException e) {
            // Stopping: the next start drops this process's members anyway.
        }
    }

    private void submitAndForget(MembershipEntry change) {
        try {
            submit(0, change).whenComplete((reply, failure) -> {
                if (reply != null) {
                    reply.release();
                }
                if (failure != null) {
                    LOG.warn("Consumer group membership change {} of {} was not committed: {}", change.op(),
                            change.key(), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Consumer group membership change {} of {} was not submitted: {}", change.op(), change.key(),
                    e.toString());
        }
    }

    private CompletableFuture<Reply> submit(long userId, MembershipEntry change) {
        ByteBuf payload = change.encode(alloc);
        try {
            return writes.submitResolved(userId, MembershipEntry.CODE, payload);
        } finally {
            payload.release();
        }
    }

    @Override
    public void close() {
        submitter.shutdownNow();
    }
}
