package org.iggyj.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.iggyj.spi.cluster.ClusterMember;

/**
 * Roles and health of every node, refreshed in the background (get_cluster_metadata reads the last
 * result without waiting). The leader knows when it last heard from each follower; a follower asks
 * the leader for that, so every node reports the same picture. A node not heard from for three
 * maximum election timeouts is unreachable.
 *
 * <p>{@link #refresh} runs on one thread; {@link #members} on any.
 */
final class MemberView {

    private final RaftServer server;
    private final Supplier<RaftClient> client;
    private final RaftTopology topology;
    private volatile List<ClusterMember> members;

    MemberView(RaftServer server, Supplier<RaftClient> client, RaftTopology topology) {
        this.server = server;
        this.client = client;
        this.topology = topology;
        this.members = build(null, Map.of());
    }

    List<ClusterMember> members() {
        return members;
    }

    void refresh() {
        try {
            DivisionInfo info = server.getDivision(topology.group().getGroupId()).getInfo();
            RaftPeerId leader = info.getLeaderId();
            Map<String, Boolean> healthy = new HashMap<>();
            if (info.isLeader()) {
                healthy.putAll(followerHealth(info.getRoleInfoProto()));
            } else if (leader != null) {
                healthy.putAll(askLeader(leader));
            }
            members = build(leader, healthy);
        } catch (IOException | RuntimeException e) {
            members = build(null, Map.of());
        }
    }

    private Map<String, Boolean> askLeader(RaftPeerId leader) {
        Map<String, Boolean> healthy = new HashMap<>();
        try {
            GroupInfoReply reply = client.get().getGroupManagementApi(leader).info(topology.group().getGroupId());
            healthy.putAll(followerHealth(reply.getRoleInfoProto()));
            healthy.put(leader.toString(), true);
        } catch (IOException | RuntimeException e) {
            healthy.put(leader.toString(), false);
        }
        return healthy;
    }

    private Map<String, Boolean> followerHealth(RoleInfoProto role) {
        Map<String, Boolean> healthy = new HashMap<>();
        if (role == null || !role.hasLeaderInfo()) {
            return healthy;
        }
        long limitMs = 6 * topology.electionTimeout().toMillis();
        healthy.put(role.getSelf().getId().toStringUtf8(), true);
        for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
            healthy.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs() < limitMs);
        }
        return healthy;
    }

    private List<ClusterMember> build(RaftPeerId leader, Map<String, Boolean> healthy) {
        List<ClusterMember> list = new ArrayList<>();
        String self = topology.self().toString();
        for (RaftPeer peer : topology.group().getPeers()) {
            String name = peer.getId().toString();
            boolean ok = name.equals(self) || healthy.getOrDefault(name, false);
            list.add(new ClusterMember(name, leader != null && leader.equals(peer.getId()), ok));
        }
        return List.copyOf(list);
    }
}
