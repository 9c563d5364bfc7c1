package org.iggyj.cluster;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * Writes submitted straight to this node's Ratis server while it is the leader, as a client request
 * built here: no Raft client, no gRPC hop over loopback, no serialization of the request and no
 * parse of it back into heap copies.
 *
 * <p>Design note: the request goes to the group's division when it takes client requests (Ratis's
 * {@code RaftServerImpl} does), which appends it on the calling thread; otherwise to
 * {@link RaftServer#submitClientRequestAsync}, the public entry gRPC uses, which hands it to the
 * server's client executor and waits for the append. Every request carries this node's own client id
 * and a fresh call id, so Ratis's retry cache treats each as new, as it does the Raft client's.
 */
final class LeaderLocalSubmission {

    private final DivisionInfo info;
    private final RaftClientAsynchronousProtocol target;
    private final RaftPeerId self;
    private final RaftGroupId group;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();

    LeaderLocalSubmission(RaftServer server, RaftTopology topology) throws IOException {
        RaftServer.Division division = server.getDivision(topology.group().getGroupId());
        this.info = division.getInfo();
        this.target = division instanceof RaftClientAsynchronousProtocol direct ? direct : server;
        this.self = topology.self();
        this.group = topology.group().getGroupId();
    }

    /** @return whether this node is the leader and has committed an entry of its term (a cheap read) */
    boolean leading() {
        return info.isLeader() && info.isLeaderReady();
    }

    /**
     * @param entry the entry; its bytes must stay unchanged for as long as Ratis may hold them
     *              (its log cache keeps them after the reply, with no notice when it lets go)
     * @return Ratis's reply, after the entry is committed and applied here, or a refusal
     * @throws IOException when the server is not running
     */
    CompletableFuture<RaftClientReply> submit(LocalEntry entry) throws IOException {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(self)
                .setGroupId(group)
                .setCallId(callIds.incrementAndGet())
                .setMessage(entry)
                .setType(RaftClientRequest.writeRequestType())
                .build();
        return target.submitClientRequestAsync(request);
    }
}
