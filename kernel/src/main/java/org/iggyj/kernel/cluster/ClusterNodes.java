package org.iggyj.kernel.cluster;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.iggyj.protocol.response.ClusterNode;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.cluster.ClusterMember;
import org.iggyj.spi.cluster.Replicator;

/**
 * What get_cluster_metadata reports with clustering on: every node of {@code [cluster]}, with the
 * ports clients use (this node's as bound; another node's from {@code node.others[].ports}, a port
 * left out meaning the same as this node's) and its role and status as the replicator sees them.
 *
 * <p>Immutable apart from the replicator's live view; any thread.
 */
final class ClusterNodes {

    static final String[] TRANSPORTS = {"tcp", "quic", "http", "websocket"};
    private static final int ROLE_LEADER = 0;
    private static final int ROLE_FOLLOWER = 1;
    private static final int STATUS_HEALTHY = 0;
    private static final int STATUS_UNREACHABLE = 3;
    private static final int STATUS_UNKNOWN = 5;

    private final KernelConfig cluster;
    private final Function<String, InetSocketAddress> bound;
    private final Replicator replicator;

    ClusterNodes(KernelConfig cluster, Function<String, InetSocketAddress> bound, Replicator replicator) {
        this.cluster = cluster;
        this.bound = bound;
        this.replicator = replicator;
    }

    List<ClusterNode> nodes() {
        Map<String, ClusterMember> members = new HashMap<>();
        for (ClusterMember m : replicator.members()) {
            members.put(m.name(), m);
        }
        List<ClusterNode> nodes = new ArrayList<>();
        int[] own = new int[TRANSPORTS.length];
        for (int i = 0; i < own.length; i++) {
            InetSocketAddress address = bound.apply(TRANSPORTS[i]);
            own[i] = address == null ? 0 : address.getPort();
        }
        KernelConfig current = cluster.section("node.current");
        nodes.add(node(current.string("name", ""), current.string("ip", "127.0.0.1"), own, members));
        for (int n = 0; cluster.has("node.others." + n); n++) {
            KernelConfig other = cluster.section("node.others." + n);
            int[] ports = new int[TRANSPORTS.length];
            for (int i = 0; i < ports.length; i++) {
                ports[i] = (int) other.integer("ports." + TRANSPORTS[i], own[i]);
            }
            nodes.add(node(other.string("name", ""), other.string("ip", "127.0.0.1"), ports, members));
        }
        return nodes;
    }

    private static ClusterNode node(String name, String ip, int[] ports, Map<String, ClusterMember> members) {
        ClusterMember m = members.get(name);
        int role = m != null && m.leader() ? ROLE_LEADER : ROLE_FOLLOWER;
        int status = m == null ? STATUS_UNKNOWN : m.healthy() ? STATUS_HEALTHY : STATUS_UNREACHABLE;
        return new ClusterNode(name, ip, ports[0], ports[1], ports[2], ports[3], role, status);
    }
}
