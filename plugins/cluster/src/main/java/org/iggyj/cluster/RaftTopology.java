package org.iggyj.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.iggyj.spi.KernelConfig;

/**
 * The Raft group as {@code [cluster]} describes it: one peer per node (named by the node name,
 * addressed by its ip and replication port) and a group id derived from the cluster name, so every
 * node computes the same group from its own config file.
 *
 * @param self            this node's peer id
 * @param selfPort        this node's replication port
 * @param group           the group of all nodes
 * @param electionTimeout the minimum election timeout
 * @param requestTimeout  how long a write may wait to commit
 */
record RaftTopology(RaftPeerId self, int selfPort, RaftGroup group, Duration electionTimeout,
                    Duration requestTimeout) {

    /**
     * @param cluster the {@code [cluster]} section
     * @return the topology
     * @throws IllegalArgumentException when a node lacks a name or a replication port
     */
    static RaftTopology of(KernelConfig cluster) {
        List<RaftPeer> peers = new ArrayList<>();
        KernelConfig current = cluster.section("node.current");
        int selfPort = (int) current.integer("ports.replication", 0);
        RaftPeer self = peer(current, selfPort);
        peers.add(self);
        for (int n = 0; cluster.has("node.others." + n); n++) {
            KernelConfig other = cluster.section("node.others." + n);
            peers.add(peer(other, (int) other.integer("ports.replication", selfPort)));
        }
        String name = cluster.string("name", "iggy-cluster");
        RaftGroupId groupId = RaftGroupId.valueOf(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
        return new RaftTopology(self.getId(), selfPort, RaftGroup.valueOf(groupId, peers),
                cluster.duration("replication.election_timeout", Duration.ofSeconds(1)),
                cluster.duration("replication.request_timeout", Duration.ofSeconds(10)));
    }

    private static RaftPeer peer(KernelConfig node, int port) {
        String name = node.string("name", "");
        if (name.isBlank()) {
            throw new IllegalArgumentException("every [cluster] node needs a name");
        }
        if (port <= 0) {
            throw new IllegalArgumentException("[cluster] node '" + name + "' needs ports.replication");
        }
        String ip = node.string("ip", "127.0.0.1");
        return RaftPeer.newBuilder().setId(name).setAddress(ip + ":" + port).build();
    }
}
