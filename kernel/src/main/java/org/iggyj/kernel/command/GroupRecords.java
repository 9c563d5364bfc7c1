package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.iggyj.kernel.metadata.ConsumerGroupMeta;
import org.iggyj.kernel.metadata.GroupMember;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.response.ResponseWriter;

/**
 * Consumer-group response records (§5.5) and the group entries of client records (§5.7), written
 * from one metadata snapshot.
 */
final class GroupRecords {

    /** One group a client has joined. */
    record Membership(long streamId, long topicId, long groupId) {
    }

    private GroupRecords() {
    }

    static void group(ByteBuf out, TopicMeta topic, ConsumerGroupMeta g) {
        ResponseWriter.consumerGroup(out, g.id(), topic.partitions().size(), g.members().size(), g.name());
    }

    static void groupDetails(ByteBuf out, TopicMeta topic, ConsumerGroupMeta g) {
        group(out, topic, g);
        int partitions = topic.partitions().size();
        for (GroupMember m : g.members()) {
            ResponseWriter.member(out, m.id(), g.partitionsOf(m, partitions));
        }
    }

    /**
     * @return the groups the session is a member of, ordered by stream, topic and group id
     */
    static List<Membership> memberships(Metadata md, ClientSession session) {
        List<Membership> found = new ArrayList<>();
        if (!session.hasJoinedGroup()) {
            return found;
        }
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (ConsumerGroupMeta g : t.consumerGroups().values()) {
                    if (g.member(session) != null) {
                        found.add(new Membership(s.id(), t.id(), g.id()));
                    }
                }
            }
        }
        return found;
    }

    /** @return the number of consumer groups on the server */
    static long count(Metadata md) {
        long total = 0;
        for (StreamMeta s : md.streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                total += t.consumerGroups().size();
            }
        }
        return total;
    }
}
