package org.iggyj.cluster;

import java.util.Locale;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.iggyj.spi.KernelConfig;

/**
 * Ratis's transport between the nodes (appends, votes, snapshots) and for the plugin's own Raft clients
 * (writes forwarded by a follower, status queries), from {@code [cluster.replication] rpc}. Every node
 * of a cluster must use the same one: a gRPC node and a Netty node do not understand each other.
 *
 * <p>Design note: gRPC is the default. Ratis 3.2.1's Netty transport measured ~10% less server CPU per
 * GiB with the same throughput and a higher p99 (docs/cluster.md, "Fourth round"), but its server
 * handles every request on a Netty event loop it blocks until the request completes (a client write
 * until it commits, an append until the follower has synced it), its log appender sends one append
 * at a time per follower, and its client pairs replies with requests in arrival order; gRPC streams
 * appends and completes requests asynchronously, which is what failover was tested and tuned with.
 */
enum ReplicationRpc {
    GRPC(SupportedRpcType.GRPC),
    NETTY(SupportedRpcType.NETTY);

    static final String KEY = "replication.rpc";
    private final SupportedRpcType type;

    ReplicationRpc(SupportedRpcType type) {
        this.type = type;
    }

    /**
     * @param cluster the {@code [cluster]} section
     * @return the configured transport, gRPC when none is set
     * @throws IllegalArgumentException on a value other than {@code grpc} or {@code netty}
     */
    static ReplicationRpc of(KernelConfig cluster) {
        String value = cluster.string(KEY, "grpc").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "grpc" -> GRPC;
            case "netty" -> NETTY;
            default -> throw new IllegalArgumentException("[cluster.replication] rpc must be \"grpc\" or \"netty\", not \""
                    + cluster.string(KEY, "") + "\"");
        };
    }

    /** Selects this transport and makes its server listen on {@code port}. */
    void applyTo(RaftProperties props, int port) {
        RaftConfigKeys.Rpc.setType(props, type);
        switch (this) {
            case GRPC -> GrpcConfigKeys.Server.setPort(props, port);
            case NETTY -> NettyConfigKeys.Server.setPort(props, port);
        }
    }
}
