package org.iggyj.cluster;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.iggyj.spi.cluster.EntryDataReads;
import org.iggyj.spi.cluster.ReplicationStatus;

/**
 * Reads this node's {@link ReplicationStatus} from the Ratis division: role, term, commit index,
 * last applied index and, on the leader, each follower's lag (the leader's last log index minus the
 * follower's match index), and where the leader found the entry data it sent. Only reads what is kept
 * in memory; any thread.
 */
final class StatusReader {

    private final RaftServer server;
    private final RaftTopology topology;

    StatusReader(RaftServer server, RaftTopology topology) {
        this.server = server;
        this.topology = topology;
    }

    /** @return the first index in the division's log, -1 when unknown */
    long firstLogIndex() {
        try {
            return server.getDivision(topology.group().getGroupId()).getRaftLog().getStartIndex();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    ReplicationStatus read() {
        RaftServer.Division division;
        try {
            division = server.getDivision(topology.group().getGroupId());
        } catch (IOException | RuntimeException e) {
            return ReplicationStatus.UNKNOWN;
        }
        DivisionInfo info = division.getInfo();
        RaftLog log = division.getRaftLog();
        Map<String, Long> lag = new HashMap<>();
        if (info.isLeader()) {
            followerLag(info, log.getNextIndex() - 1, lag);
        }
        EntryDataReads reads = division.getStateMachine() instanceof KernelStateMachine kernel
                ? kernel.entryDataReads() : EntryDataReads.NONE;
        return new ReplicationStatus(role(info), info.getCurrentTerm(), log.getLastCommittedIndex(),
                info.getLastAppliedIndex(), lag, reads);
    }

    /**
     * On the leader: each follower's match index and whether it replied within {@code responsiveMs}.
     *
     * @return the leader's last log index; -1 when this node does not lead (the maps stay empty)
     */
    long followers(Map<String, Long> matched, Map<String, Boolean> responsive, long responsiveMs) {
        RaftServer.Division division;
        try {
            division = server.getDivision(topology.group().getGroupId());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        DivisionInfo info = division.getInfo();
        if (!info.isLeader()) {
            return -1;
        }
        long last = division.getRaftLog().getNextIndex() - 1;
        matchIndexes(info, matched);
        RoleInfoProto role = info.getRoleInfoProto();
        if (role != null && role.hasLeaderInfo()) {
            for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
                responsive.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs() < responsiveMs);
            }
        }
        return last;
    }

    private static void followerLag(DivisionInfo info, long lastIndex, Map<String, Long> lag) {
        matchIndexes(info, lag);
        lag.replaceAll((follower, match) -> Math.max(0, lastIndex - match));
    }

    private static void matchIndexes(DivisionInfo info, Map<String, Long> matched) {
        RoleInfoProto role = info.getRoleInfoProto();
        long[] match = info.getFollowerMatchIndices();
        if (role == null || !role.hasLeaderInfo() || match == null) {
            return;
        }
        // Both list the leader's log appenders in the same order.
        List<ServerRpcProto> followers = role.getLeaderInfo().getFollowerInfoList();
        if (followers.size() != match.length) {
            return;
        }
        for (int i = 0; i < match.length; i++) {
            matched.put(followers.get(i).getId().getId().toStringUtf8(), match[i]);
        }
    }

    private static int role(DivisionInfo info) {
        switch (info.getCurrentRole()) {
            case LEADER:
                return ReplicationStatus.LEADER;
            case FOLLOWER:
                return ReplicationStatus.FOLLOWER;
            case CANDIDATE:
                return ReplicationStatus.CANDIDATE;
            default:
                return ReplicationStatus.OTHER;
        }
    }
}
