package org.iggyj.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.netty.NettyFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.iggyj.spi.cluster.ReplicationContext;
import org.iggyj.spi.cluster.ReplicationProvider;
import org.iggyj.spi.cluster.Replicator;
import org.pf4j.Extension;

/**
 * Replication on Apache Ratis: one Raft group over every node of {@code [cluster]}, Netty RPC on
 * each node's replication port, the log under the kernel's cluster directory.
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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Replicator start(ReplicationContext context) throws IOException {
        RaftTopology topology = RaftTopology.of(context.cluster());
        RaftProperties props = properties(topology, context.storageDir());
        SnapshotPolicy.of(context.cluster()).applyTo(props);
        boolean formatted = Files.isDirectory(context.storageDir().resolve(topology.group().getGroupId().getUuid()
                .toString()));
        RaftServer server = RaftServer.newBuilder()
                .setServerId(topology.self())
                .setGroup(topology.group())
                .setStateMachine(new KernelStateMachine(context.stateMachine()))
                .setProperties(props)
                .setOption(formatted ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        return new RatisReplicator(server, () -> newClient(topology, props), topology);
    }

    /**
     * A Raft client that retries (leader changes, elections) for about the request timeout. A
     * request that still fails closes the client's ordered window, so the replicator then replaces
     * the client.
     */
    private static RaftClient newClient(RaftTopology topology, RaftProperties props) {
        long retries = Math.max(1, topology.requestTimeout().toMillis() / RETRY_SLEEP_MS);
        return RaftClient.newBuilder()
                .setProperties(props)
                .setRaftGroup(topology.group())
                .setClientId(ClientId.randomId())
                .setClientRpc(new NettyFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), props))
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep((int) retries,
                        TimeDuration.valueOf(RETRY_SLEEP_MS, TimeUnit.MILLISECONDS)))
                .build();
    }

    private static RaftProperties properties(RaftTopology topology, Path storage) {
        RaftProperties props = new RaftProperties();
        RaftConfigKeys.Rpc.setType(props, SupportedRpcType.NETTY);
        NettyConfigKeys.Server.setPort(props, topology.selfPort());
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
}
