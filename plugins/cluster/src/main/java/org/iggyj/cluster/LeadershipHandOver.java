package org.iggyj.cluster;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader that is asked to stop first hands its leadership to the most up-to-date follower, so a
 * planned stop (a rolling restart) costs the cluster no election timeout (docs/cluster.md,
 * "Operations: rolling restart").
 *
 * <p>Design note: Ratis's transfer (3.2.1, {@code TransferLeadership}) brings the chosen follower up
 * to the leader's last entry, then tells it to start an election at once; the reply is a success when
 * that follower was elected, which is when this leader has stepped down. Nothing here waits longer
 * than the given bound: when the transfer fails or times out the node stops anyway and the others
 * elect a leader after their election timeout, as after a crash. Turned off with
 * {@code -Diggyj.cluster.hand_over=false} (to measure the stop without it).
 */
final class LeadershipHandOver {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipHandOver.class);

    static final boolean ENABLED = !"false".equals(System.getProperty("iggyj.cluster.hand_over"));

    private final RaftServer server;
    private final RaftTopology topology;
    private final long timeoutMs;
    private final long lingerMs;

    /**
     * @param timeoutMs the longest the transfer may take before the node stops anyway
     * @param lingerMs  how long this node stays a running follower after a successful transfer
     */
    LeadershipHandOver(RaftServer server, RaftTopology topology, long timeoutMs, long lingerMs) {
        this.server = server;
        this.topology = topology;
        this.timeoutMs = timeoutMs;
        this.lingerMs = lingerMs;
    }

    /** Hands the leadership over when this node leads; returns when it is done, failed or timed out. */
    void run() {
        if (!ENABLED) {
            return;
        }
        long started = System.nanoTime();
        RaftPeerId target;
        try {
            DivisionInfo info = server.getDivision(topology.group().getGroupId()).getInfo();
            if (!info.isLeader()) {
                return;
            }
            target = mostUpToDate(info);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (target == null) {
            return;
        }
        TransferLeadershipRequest request = new TransferLeadershipRequest(ClientId.randomId(), topology.self(),
                topology.group().getGroupId(), 1, target, timeoutMs);
        try {
            RaftClientReply reply = server.transferLeadershipAsync(request).get(timeoutMs + 1000, TimeUnit.MILLISECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (reply.isSuccess()) {
                LOG.info("Handed the leadership to {} before stopping, in {} ms; answering as a follower for {} ms",
                        target, ms, lingerMs);
                // Clients that were refused while this node stepped down retry on a node picked at
                // random, this one included: a running follower names the new leader at once, a
                // closing server may keep the request until the client's RPC timeout (seconds).
                Thread.sleep(lingerMs);
            } else {
                LOG.warn("Leadership hand-over to {} failed after {} ms; stopping anyway: {}", target, ms,
                        reply.getException());
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.warn("Leadership hand-over to {} failed; stopping anyway: {}", target, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the follower with the highest match index among those heard from within the bound (one
     *         down since then could not be elected), or null when there is none
     */
    RaftPeerId mostUpToDate(DivisionInfo info) {
        RoleInfoProto role = info.getRoleInfoProto();
        long[] match = info.getFollowerMatchIndices();
        if (role == null || !role.hasLeaderInfo() || match == null) {
            return null;
        }
        // Both list the leader's log appenders in the same order (as in StatusReader).
        List<ServerRpcProto> followers = role.getLeaderInfo().getFollowerInfoList();
        if (followers.size() != match.length || match.length == 0) {
            return null;
        }
        int best = -1;
        for (int i = 0; i < match.length; i++) {
            if (followers.get(i).getLastRpcElapsedTimeMs() <= timeoutMs && (best < 0 || match[i] > match[best])) {
                best = i;
            }
        }
        return best < 0 ? null : RaftPeerId.valueOf(followers.get(best).getId().getId());
    }
}
