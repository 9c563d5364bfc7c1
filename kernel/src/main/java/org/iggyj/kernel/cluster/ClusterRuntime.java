package org.iggyj.kernel.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.iggyj.kernel.command.Commands;
import org.iggyj.kernel.command.KernelDispatcher;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metrics.ClusterMeters;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.iggyj.spi.cluster.ReplicationContext;
import org.iggyj.spi.cluster.ReplicationProvider;
import org.iggyj.spi.cluster.Replicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clustering on one node: decides whether it is on, prepares the data directory, starts the
 * replication plugin and routes the dispatcher's writes through it.
 *
 * <p>Design note: the streams and metadata under {@code system.path} are derived from the engine's
 * latest snapshot plus the log entries after it. They are deleted at start; the engine restores its
 * snapshot ({@link KernelSnapshots}) and replays only the entries after it (then catches up from the
 * leader), so a node never applies an entry twice nor misses one, whatever state a crash left its
 * files in (docs/cluster.md, "Snapshots, restart and catch-up").
 *
 * <p>Started and closed by the server's lifecycle thread.
 */
public final class ClusterRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRuntime.class);
    /**
     * JVM system property that turns the retention floor off when {@code false} ({@code
     * replication.message_bytes = "segments"} only; on by default; docs/cluster.md, "Message bytes and
     * the Raft log", point 7). Off, retention may delete bytes the leader would read for a lagging
     * follower, which then waits for a snapshot.
     */
    static final String RETENTION_FLOOR_PROPERTY = "iggyj.cluster.retention_floor";

    /**
     * Key of the {@code [cluster]} section: how long a node stays reported unreachable before the
     * leader drops its consumer group members ({@link ClusterMemberships}).
     */
    static final String UNREACHABLE_MEMBER_TIMEOUT = "unreachable_member_timeout";

    /**
     * Key of the {@code [cluster]} section: the most message bytes one Raft entry of coalesced sends
     * carries ({@link SendCoalescer}); 0 gives every send its own entry. Handed to the engine
     * ({@link ReplicationContext#maxCoalescedBytes}), which sizes its limit on a whole log entry from it.
     */
    static final String MAX_COALESCED_BYTES = "replication.max_coalesced_bytes";
    static final long DEFAULT_MAX_COALESCED_BYTES = 3840L << 10;

    /**
     * Key of the {@code [cluster]} section: how long a write may wait to commit (the engine's bound)
     * and, from its submission on, for this node's own apply of it ({@link PendingApplies}).
     */
    static final String REQUEST_TIMEOUT = "replication.request_timeout";
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Calls into plugin code with the plugin's class loader as context loader. */
    @FunctionalInterface
    public interface PluginCall {
        /**
         * @param extension the plugin's extension
         * @param call      the call
         * @param <T>       its result
         * @return the call's result
         * @throws Exception what the call threw
         */
        <T> T run(Object extension, Callable<T> call) throws Exception;
    }

    private final KernelDispatcher dispatcher;
    private final ClusterWrites writes;
    private final Replicator replicator;
    private final KernelConfig cluster;
    private final AutoCommitReplication autoCommits;
    private final ClusterMemberships memberships;

    private ClusterRuntime(KernelDispatcher dispatcher, ClusterWrites writes, Replicator replicator,
                           KernelConfig cluster, AutoCommitReplication autoCommits, ClusterMemberships memberships) {
        this.autoCommits = autoCommits;
        this.memberships = memberships;
        this.dispatcher = dispatcher;
        this.writes = writes;
        this.replicator = replicator;
        this.cluster = cluster;
    }

    /**
     * Registers the replication gauges (role, term, commit and applied index, lag per follower) and the
     * send entry counters.
     *
     * @param registry the kernel's meter registry
     */
    public void bindMeters(MeterRegistry registry) {
        List<String> followers = new ArrayList<>();
        for (int n = 0; cluster.has("node.others." + n); n++) {
            followers.add(cluster.section("node.others." + n).string("name", ""));
        }
        ClusterMeters.bind(registry, replicator::status, followers);
        // The writes keep the counts for the server's lifetime.
        ClusterMeters.bindSendEntries(registry, writes.sendEntryCounts(), SendEntryCounts::entries,
                SendEntryCounts::sends);
        // This runtime keeps the replicator for the server's lifetime.
        ClusterMeters.bindEntryDataReads(registry, replicator, r -> r.status().entryDataReads());
    }

    /**
     * @param cluster   the {@code [cluster]} section
     * @param providers replication providers found
     * @return the provider to use, or null when the server runs alone
     */
    public static ReplicationProvider select(KernelConfig cluster, List<ReplicationProvider> providers) {
        if (!cluster.bool("enabled", false)) {
            return null;
        }
        if (providers.isEmpty()) {
            LOG.warn("[cluster] enabled = true but no replication plugin is installed: running as a single node "
                    + "(install plugins/iggyj-cluster to replicate)");
            return null;
        }
        return providers.get(0);
    }

    /**
     * At start: clears what the replicated log rebuilds ({@link #clearDerivedState}), except that with
     * {@code replication.message_bytes = "segments"} the segment files are set aside rather than
     * deleted: the entries replayed after the snapshot carry no bytes, their bytes are in those files
     * ({@link KeptSegments}; docs/cluster.md, "Message bytes and the Raft log", point 8).
     *
     * @param layout  the data directory layout
     * @param cluster the {@code [cluster]} section
     * @throws IOException when a file cannot be deleted or moved
     */
    public static void prepareDataDirectory(DataLayout layout, KernelConfig cluster) throws IOException {
        if (!keepsSegments(cluster)) {
            clearDerivedState(layout);
            return;
        }
        new KeptSegments(layout).setAside();
        clearDerivedState(layout);
    }

    /** @return whether the engine keeps message bytes out of its log, as configured */
    static boolean keepsSegments(KernelConfig cluster) {
        return "segments".equals(cluster.string("replication.message_bytes", "segments"));
    }

    /**
     * Deletes what the replicated log rebuilds: streams and metadata. The engine's own directory
     * stays.
     *
     * @param layout the data directory layout
     * @throws IOException when a file cannot be deleted
     */
    public static void clearDerivedState(DataLayout layout) throws IOException {
        for (Path dir : List.of(layout.streamsDir(), layout.stateDir())) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Starts the engine and sends writes through it from now on.
     *
     * @param provider     the replication provider
     * @param plugins      how to call into the plugin
     * @param cluster      the {@code [cluster]} section
     * @param systemPath   {@code system.path}
     * @param enforceFsync {@code system.partition.enforce_fsync}
     * @param dispatcher   the kernel dispatcher
     * @param sessions     the session registry
     * @param inputs       the handlers' pinnable clock and random source
     * @param bound        transport name to bound address (for get_cluster_metadata)
     * @param alloc        the kernel allocator
     * @param snapshots    snapshots of the kernel state for the engine
     * @param crypto       {@code [system.encryption]}, {@link MessageCrypto#NONE} when off
     * @return the running cluster member
     * @throws IOException when the engine's directory cannot be created
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public static ClusterRuntime start(ReplicationProvider provider, PluginCall plugins, KernelConfig cluster,
                                       Path systemPath, boolean enforceFsync, KernelDispatcher dispatcher,
                                       SessionRegistry sessions, PinnedInputs inputs,
                                       Function<String, InetSocketAddress> bound, ByteBufAllocator alloc,
                                       KernelSnapshots snapshots, MessageCrypto crypto)
            throws IOException {
        Path storage = systemPath.resolve(cluster.string("replication.path", "cluster"));
        Files.createDirectories(storage);
        ClusterWrites writes = new ClusterWrites(alloc, MicrosClock.SYSTEM, dispatcher.credentialPrehash(),
                dispatcher.offsetChanges());
        AutoCommitReplication autoCommits = new AutoCommitReplication(writes);
        writes.orderOffsetsWith(autoCommits);
        CommandApplier applier = new CommandApplier(dispatcher, sessions, inputs, writes, alloc, snapshots,
                autoCommits);
        ClusterMemberships memberships = new ClusterMemberships(cluster.string("node.current.name", ""),
                dispatcher.groupMemberships(), writes, alloc,
                cluster.duration(UNREACHABLE_MEMBER_TIMEOUT, ClusterMemberships.DEFAULT_UNREACHABLE_DROP));
        applier.memberships(memberships);
        snapshots.afterRestore(() -> {
            memberships.onRestored();
            autoCommits.retainExisting(snapshots.metadata().current());
        });
        KeptSegments kept = keepsSegments(cluster) ? new KeptSegments(new DataLayout(systemPath)) : null;
        snapshots.keepSegments(kept);
        SegmentSends segmentSends = new SegmentSends(snapshots.metadata(), alloc, applier::appliedIndex, writes,
                dispatcher.traffic(), storage.resolve("staging"), kept);
        segmentSends.sealWith(crypto);
        if (kept != null && !"false".equals(System.getProperty(RETENTION_FLOOR_PROPERTY))) {
            snapshots.keepRetentionFloors();
            segmentSends.keepRetentionFloors();
        }
        applier.segmentSends(segmentSends);
        long maxCoalescedBytes = cluster.bytes(MAX_COALESCED_BYTES, DEFAULT_MAX_COALESCED_BYTES);
        ReplicationContext context = new Context(cluster, storage, enforceFsync, applier, maxCoalescedBytes);
        Replicator replicator;
        try {
            replicator = plugins.run(provider, () -> provider.start(context));
        } catch (Exception e) {
            throw new IllegalStateException("replication provider " + provider.name() + " failed to start: "
                    + e.getMessage(), e);
        }
        writes.attach(replicator);
        writes.boundApplyWait(cluster.duration(REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT));
        snapshots.firstLogIndex(replicator::firstLogIndex);
        if (replicator.keepsEntryDataOutOfLog()) {
            writes.splitSends(snapshots.metadata());
            writes.coalesceSends(maxCoalescedBytes);
            LOG.info("Message bytes go into the partitions' segments, not into the replication log");
        } else {
            applier.segmentSends(null);
        }
        writes.replicateMemberships(memberships);
        memberships.watchNodes(replicator::members, System::nanoTime);
        dispatcher.groupMemberships().onDeparture(memberships::departed);
        dispatcher.forwardWrites(writes);
        dispatcher.offsetChanges().onAutoCommit(autoCommits);
        ClusterNodes nodes = new ClusterNodes(cluster, bound, replicator);
        Commands.registerClusterMetadata(dispatcher, cluster.string("name", "iggy-cluster"), nodes::nodes, alloc);
        LOG.info("Cluster '{}' member '{}' started with {} (log in {})", cluster.string("name", ""),
                cluster.string("node.current.name", ""), provider.name(), storage);
        return new ClusterRuntime(dispatcher, writes, replicator, cluster, autoCommits, memberships);
    }

    @Override
    public void close() {
        // Writes stay routed to the closed replicator, which refuses them: applying one locally now
        // would fork this node's history from the cluster's.
        dispatcher.offsetChanges().onAutoCommit(null);
        autoCommits.close();
        memberships.close();
        try {
            replicator.close();
        } catch (RuntimeException e) {
            LOG.warn("Replicator did not close cleanly", e);
        }
        writes.failPending();
    }

    private record Context(KernelConfig cluster, Path storageDir, boolean enforceFsync,
                           ReplicatedStateMachine stateMachine, long maxCoalescedBytes)
            implements ReplicationContext {
    }
}
