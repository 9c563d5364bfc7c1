package org.iggyj.kernel.command;

import org.iggyj.kernel.auth.Authorizer;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.request.SendMessagesRequest;

/**
 * Resolves a send to its partition with the send handler's checks (permission, stream, topic,
 * partitioning), for a caller that stores the messages itself: a cluster that keeps message bytes out
 * of its log resolves the partition on the receiving node (docs/cluster.md, "Message bytes and the
 * Raft log").
 */
public final class SendTargets {

    private static final Guard GUARD = new Guard(new Authorizer());

    private SendTargets() {
    }

    /**
     * @param md      the metadata to resolve against
     * @param session the sender
     * @param request the decoded send
     * @return the partition the send goes to (a balanced send advances the topic's cursor)
     * @throws org.iggyj.protocol.IggyException with Iggy's code when the send is refused
     */
    public static Partition resolve(Metadata md, ClientSession session, SendMessagesRequest request) {
        GUARD.topic(md, session, Operation.SEND_MESSAGES, request.streamId(), request.topicId());
        return PartitionResolver.forSend(PartitionResolver.topic(md, request.streamId(), request.topicId()),
                request.partitioning());
    }
}
