package org.iggyj.kernel.command;

import java.util.function.Consumer;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.ConsumerGroupMeta;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.request.ConsumerGroupRef;

/**
 * join/leave_consumer_group split into "which group, and may this client" and "change the member
 * list", so clustering can check the first on the node the client is connected to and replicate only
 * the second (a {@code MembershipEntry}, applied in log order on every node through
 * {@link #groups()}). Also where a closed session's memberships go: left here on a single node, or
 * handed to the cluster, which replicates the leave.
 *
 * <p>Thread-safe.
 */
public final class GroupMemberships {

    /**
     * A resolved group.
     *
     * @param streamId numeric stream id
     * @param topicId  numeric topic id
     * @param groupId  numeric group id
     * @param group    the group as the resolving snapshot saw it
     */
    public record Ref(long streamId, long topicId, long groupId, ConsumerGroupMeta group) {
    }

    private final MetadataWriter metadata;
    private final ConsumerGroupWriter groups;
    private final Guard guard;
    private volatile Consumer<ClientSession> departures;

    GroupMemberships(MetadataWriter metadata, ConsumerGroupWriter groups, Guard guard) {
        this.metadata = metadata;
        this.groups = groups;
        this.guard = guard;
    }

    /**
     * Checks, as a single node does before joining or leaving, the read-topic permission and that
     * the group exists.
     *
     * @param session the client's session
     * @param request the decoded join or leave
     * @return the group
     * @throws org.iggyj.protocol.IggyException the command's error
     */
    public Ref resolve(ClientSession session, ConsumerGroupRef request) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.READ_TOPIC, request.streamId(), request.topicId());
        TopicMeta topic = PartitionResolver.topic(md, request.streamId(), request.topicId());
        StreamMeta stream = md.stream(request.streamId());
        ConsumerGroupMeta group = ConsumerGroupWriter.requireGroup(topic, request.groupId());
        return new Ref(stream.id(), topic.id(), group.id(), group);
    }

    /** @return the member lists' writer (metadata shard only) */
    public ConsumerGroupWriter groups() {
        return groups;
    }

    /** @return the metadata writer whose shard runs every membership change */
    public MetadataWriter metadata() {
        return metadata;
    }

    /**
     * @param replicated takes every closed or stale session that joined a group instead of leaving
     *                   its groups here; null leaves them here (single node)
     */
    public void onDeparture(Consumer<ClientSession> replicated) {
        this.departures = replicated;
    }

    /** @return the replacement departure handling, or null */
    Consumer<ClientSession> departures() {
        return departures;
    }
}
