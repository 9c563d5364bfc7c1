package org.iggyj.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.cluster.ReplicationContext;
import org.iggyj.spi.cluster.ReplicationProvider;
import org.iggyj.spi.cluster.Replicator;
import org.pf4j.Extension;

/**
 * Replication on Apache Ratis: one Raft group over every node of {@code [cluster]}, gRPC on each
 * node's replication port, the log under the kernel's cluster directory.
 *
 * <p>Design note: the RPC is gRPC, not Ratis's Netty RPC. In Ratis 3.2.1 the Netty server answers a
 * client request by blocking one of its event loops until the request commits, and the Netty client
 * pairs replies with requests in arrival order; a request that never completes (sent to a leader that
 * was then killed or frozen, or held for an earlier sequence number) wedged its connection and every
 * write behind it, which is how a writer on a survivor got no acknowledgement after a leader kill.
 * gRPC streams match replies by call id and the server completes them asynchronously.
 * Measured again in docs/cluster.md ("Fourth round"): Netty saves ~10% of the CPU per GiB, gains no
 * throughput, and failed the leader-isolation test the same way.
 *
 * <p>Durability: Ratis writes and fsyncs its log before a member acknowledges an append (its
 * "unsafe flush" stays off), so an entry counted as committed is on the disk of a majority.
 */
@Extension
public final class RatisReplicationProvider implements ReplicationProvider {

    /** Name of this provider. */
    public static final String NAME = "cluster";
    private static final int RETRY_SLEEP_MS = 100;
    private static final int MAX_OUTSTANDING = 65_536;
    private static final String RAFT_PREFIX = "raft.";
    /** {@code [cluster]} key: the most message bytes the leader keeps for followers ({@link InFlightEntryData}). */
    static final String IN_FLIGHT_BYTES = "replication.in_flight_bytes";
    static final long DEFAULT_IN_FLIGHT_BYTES = 16L << 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Replicator start(ReplicationContext context) throws IOException {
        RaftTopology topology = RaftTopology.of(context.cluster());
        boolean splitData = messageBytesInSegments(context.cluster());
        RaftProperties props = properties(topology, context.storageDir());
        SnapshotPolicy.of(context.cluster()).applyTo(props);
        long coalesced = splitData ? context.maxCoalescedBytes() : 0;
        EntrySizeLimits.applyTo(props, coalesced);
        cacheHeadersOnly(props, splitData);
        applyOverrides(props, System.getProperties());
        EntrySizeLimits.check(props, coalesced);
        long inFlightBytes = inFlightBytes(context.cluster(), splitData, props);
        boolean formatted = Files.isDirectory(context.storageDir().resolve(topology.group().getGroupId().getUuid()
                .toString()));
        RaftServer server = RaftServer.newBuilder()
                .setServerId(topology.self())
                .setGroup(topology.group())
                .setStateMachine(new KernelStateMachine(context.stateMachine(), splitData, inFlightBytes))
                .setProperties(props)
                .setParameters(new Parameters())
                .setOption(formatted ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        return new RatisReplicator(server,
                () -> newClient(topology, props, RetryPolicies.retryForeverWithSleep(
                        TimeDuration.valueOf(RETRY_SLEEP_MS, TimeUnit.MILLISECONDS))),
                newClient(topology, props, RetryPolicies.noRetry()), topology, splitData);
    }

    /**
     * {@code replication.message_bytes}: {@code "segments"} (the default) logs each send's header only
     * and writes its messages into the partition's segments; {@code "raft_log"} logs each send whole
     * (docs/cluster.md, "Message bytes and the Raft log").
     */
    static boolean messageBytesInSegments(KernelConfig cluster) {
        String mode = cluster.string("replication.message_bytes", "segments");
        switch (mode) {
            case "raft_log":
                return false;
            case "segments":
                return true;
            default:
                throw new IllegalArgumentException("[cluster.replication] message_bytes must be \"raft_log\" or "
                        + "\"segments\", not \"" + mode + "\"");
        }
    }

    /**
     * With entries split, Ratis's log cache keeps their headers only ({@code caching.enabled}): the
     * bytes then never sit in its cache, and its appender asks {@link EntryDataApi#read} for them.
     */
    static void cacheHeadersOnly(RaftProperties props, boolean splitData) {
        if (splitData) {
            RaftServerConfigKeys.Log.StateMachineData.setCachingEnabled(props, true);
        }
    }

    /**
     * {@code replication.in_flight_bytes}, in effect only when Ratis's log cache keeps headers only
     * ({@code caching.enabled}, which a {@code -Draft.*} override may turn off: its cache then holds the
     * bytes itself and the map would only duplicate them).
     *
     * @throws IllegalArgumentException when negative
     */
    static long inFlightBytes(KernelConfig cluster, boolean splitData, RaftProperties props) {
        long bytes = cluster.bytes(IN_FLIGHT_BYTES, DEFAULT_IN_FLIGHT_BYTES);
        if (bytes < 0) {
            throw new IllegalArgumentException("[cluster.replication] in_flight_bytes must not be negative");
        }
        return splitData && RaftServerConfigKeys.Log.StateMachineData.cachingEnabled(props) ? bytes : 0;
    }

    /**
     * @param retry for writes: retry until the replicator's own deadline ({@code request_timeout}),
     *              which then replaces the client, so no retry counter runs out early while a
     *              follower still names the dead leader (such a redirect is retried with no sleep);
     *              for the member view's status queries: none, so a dead node never blocks it
     */
    private static RaftClient newClient(RaftTopology topology, RaftProperties props, RetryPolicy retry) {
        return RaftClient.newBuilder()
                .setProperties(props)
                .setParameters(new Parameters())
                .setRaftGroup(topology.group())
                .setClientId(ClientId.randomId())
                .setRetryPolicy(retry)
                .build();
    }

    private static RaftProperties properties(RaftTopology topology, Path storage) {
        RaftProperties props = new RaftProperties();
        RaftConfigKeys.Rpc.setType(props, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setPort(props, topology.selfPort());
        RaftServerConfigKeys.setStorageDir(props, List.of(storage.toFile()));
        long electionMs = topology.electionTimeout().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(electionMs, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(2 * electionMs, TimeUnit.MILLISECONDS));
        RaftClientConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(
                Math.max(3000, 3 * electionMs), TimeUnit.MILLISECONDS));
        // The client's send() blocks (on a transport event loop) once this many requests are in flight;
        // each connection has at most one, so this bounds nothing in practice and never blocks.
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(props, MAX_OUTSTANDING);
        // Ratis closes a server that was paused (GC, SIGSTOP, a frozen VM) longer than this; such a node
        // must instead rejoin as a follower, which Raft handles on its own.
        RaftServerConfigKeys.setCloseThreshold(props, TimeDuration.valueOf(1, TimeUnit.DAYS));
        return props;
    }

    /**
     * Any JVM system property named {@code raft.*} (e.g. {@code -Draft.grpc.flow.control.window=8MB} in
     * {@code JAVA_OPTS}) is handed to Ratis as is, after every setting of iggyj's own (including the
     * snapshot policy's log segment size), so an operator can tune or
     * measure a Ratis setting without a build; Ratis parses and validates the value.
     */
    static void applyOverrides(RaftProperties props, Properties system) {
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith(RAFT_PREFIX)) {
                props.set(key, system.getProperty(key));
            }
        }
    }
}
