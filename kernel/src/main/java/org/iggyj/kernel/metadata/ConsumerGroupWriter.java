package org.iggyj.kernel.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;

/**
 * Consumer-group mutations, run like every metadata mutation on the metadata shard through
 * {@link MetadataWriter#mutate}. Creating and deleting a group persists the snapshot; joining and
 * leaving only publish it, because memberships are not persisted. Either way readers see the
 * change as one new immutable snapshot, so the partition assignment they derive from it is
 * consistent.
 */
public final class ConsumerGroupWriter {

    private final MetadataWriter writer;

    /**
     * @param writer the metadata writer whose snapshot holds the groups
     */
    public ConsumerGroupWriter(MetadataWriter writer) {
        this.writer = writer;
    }

    /**
     * Creates a group with the lowest free id of the topic. Offsets left on disk under that id (a
     * crash after a delete was saved) are removed first, so the group starts without any.
     *
     * @param streamId the stream
     * @param topicId  the topic
     * @param name     the group name, unique within the topic
     * @return the new group. Metadata shard only.
     */
    public ConsumerGroupMeta create(Identifier streamId, Identifier topicId, String name) {
        Metadata md = writer.current();
        StreamMeta stream = MetadataWriter.requireStream(md, streamId);
        TopicMeta topic = MetadataWriter.requireTopic(stream, topicId);
        if (topic.consumerGroup(Identifier.named(name)) != null) {
            throw new IggyException(ErrorCode.CONSUMER_GROUP_NAME_ALREADY_EXISTS,
                    "consumer group '" + name + "' already exists in topic " + topic.id());
        }
        long id = Metadata.lowestFreeId(topic.consumerGroups());
        MetadataWriter.onOwners(topic.partitions(), p -> p.consumerOffsets().delete(ConsumerOffsetKind.GROUP, id));
        ConsumerGroupMeta group = ConsumerGroupMeta.empty(id, name);
        writer.publish(md.withStream(stream.withTopic(topic.withConsumerGroup(group))));
        return group;
    }

    /**
     * Deletes a group, its memberships and its offsets on every partition of the topic.
     *
     * @param streamId the stream
     * @param topicId  the topic
     * @param groupId  the group. Metadata shard only.
     */
    public void delete(Identifier streamId, Identifier topicId, Identifier groupId) {
        Located at = locate(streamId, topicId, groupId);
        long id = at.group().id();
        writer.publish(at.md().withStream(at.stream().withTopic(at.topic().withoutConsumerGroup(id))));
        MetadataWriter.onOwners(at.topic().partitions(), p -> p.consumerOffsets().delete(ConsumerOffsetKind.GROUP, id));
    }

    /**
     * Makes the session a member; a no-op when it already is one or has closed meanwhile.
     *
     * @param streamId the stream
     * @param topicId  the topic
     * @param groupId  the group
     * @param session  the joining connection. Metadata shard only.
     */
    public void join(Identifier streamId, Identifier topicId, Identifier groupId, ClientSession session) {
        Located at = locate(streamId, topicId, groupId);
        // Flag first, then check closed: the close path sets closed, then checks the flag (see
        // ClientSession#markJoinedGroup), so a closing session never stays a member.
        session.markJoinedGroup();
        if (at.group().member(session) != null || session.isClosed() || session.isStale()) {
            return;
        }
        at.install(at.group().withMember(session));
    }

    /**
     * @param streamId the stream
     * @param topicId  the topic
     * @param groupId  the group
     * @param session  the leaving connection. Metadata shard only.
     * @throws IggyException 5006 when the session is not a member
     */
    public void leave(Identifier streamId, Identifier topicId, Identifier groupId, ClientSession session) {
        Located at = locate(streamId, topicId, groupId);
        at.removeMember(at.group().member(session));
    }

    /**
     * Removes the session from every group it is a member of, in one snapshot.
     *
     * @param session a closed or stale connection. Metadata shard only.
     */
    public void leaveAll(ClientSession session) {
        removeMembers(m -> m.session() == session);
    }

    /**
     * Replicated join (clustering): adds the key as the group's newest member, the same on every node.
     *
     * @param streamId the stream
     * @param topicId  the topic
     * @param groupId  the group
     * @param key      the member
     * @param session  its live connection when this node owns it, else null
     * @return whether it was added (false: already a member)
     * @throws IggyException 1009/2010/5000 when the stream, topic or group is gone. Metadata shard only.
     */
    public boolean join(Identifier streamId, Identifier topicId, Identifier groupId, MemberKey key,
                        ClientSession session) {
        Located at = locate(streamId, topicId, groupId);
        if (at.group().member(key) != null) {
            return false;
        }
        at.install(at.group().withMember(key, session));
        return true;
    }

    /**
     * Replicated leave (clustering).
     *
     * @param streamId the stream
     * @param topicId  the topic
     * @param groupId  the group
     * @param key      the member
     * @throws IggyException 5006 when the key is not a member. Metadata shard only.
     */
    public void leave(Identifier streamId, Identifier topicId, Identifier groupId, MemberKey key) {
        Located at = locate(streamId, topicId, groupId);
        at.removeMember(at.group().member(key));
    }

    /** A group with the snapshot, stream and topic it was found in, for one change of it. */
    private record Located(MetadataWriter writer, Metadata md, StreamMeta stream, TopicMeta topic,
                           ConsumerGroupMeta group) {

        void install(ConsumerGroupMeta changed) {
            writer.install(md.withStream(stream.withTopic(topic.withConsumerGroup(changed))));
        }

        /** @param member the leaving member, null when the client is none (an error) */
        void removeMember(GroupMember member) {
            if (member == null) {
                throw new IggyException(ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND,
                        "this client is not a member of consumer group " + group.id());
            }
            install(group.withoutMembers(m -> m == member));
        }
    }

    private Located locate(Identifier streamId, Identifier topicId, Identifier groupId) {
        Metadata md = writer.current();
        StreamMeta stream = MetadataWriter.requireStream(md, streamId);
        TopicMeta topic = MetadataWriter.requireTopic(stream, topicId);
        return new Located(writer, md, stream, topic, requireGroup(topic, groupId));
    }

    /**
     * A member and the group it is in.
     *
     * @param streamId the stream id
     * @param topicId  the topic id
     * @param groupId  the group id
     * @param member   the member
     */
    public record Placed(long streamId, long topicId, long groupId, GroupMember member) {
    }

    /**
     * Removes the matching members from every group, in one snapshot.
     *
     * @param gone which members leave
     * @return the members removed. Metadata shard only.
     */
    public List<Placed> removeMembers(Predicate<GroupMember> gone) {
        List<Placed> removed = new ArrayList<>();
        eachGroup((s, t, g) -> {
            ConsumerGroupMeta next = g.withoutMembers(gone);
            if (next != g) {
                g.members().stream().filter(gone).forEach(m -> removed.add(new Placed(s.id(), t.id(), g.id(), m)));
            }
            return next;
        });
        return removed;
    }

    /**
     * Replaces members (binds them to sessions) in every group, in one snapshot.
     *
     * @param rebind the member to put in place of each, or the member itself. Metadata shard only.
     */
    public void rebind(UnaryOperator<GroupMember> rebind) {
        eachGroup((s, t, g) -> g.withMembersMapped(rebind));
    }

    /**
     * @return every member of every group, by stream, topic and group id, in join order
     */
    public List<Placed> members() {
        List<Placed> all = new ArrayList<>();
        for (StreamMeta s : writer.current().streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                for (ConsumerGroupMeta g : t.consumerGroups().values()) {
                    g.members().forEach(m -> all.add(new Placed(s.id(), t.id(), g.id(), m)));
                }
            }
        }
        return all;
    }

    /**
     * Puts restored members back (a snapshot's), after their groups' current members.
     *
     * @param restored members in join order per group; those of a group that no longer exists are skipped.
     *                 Metadata shard only.
     */
    public void restore(List<Placed> restored) {
        eachGroup((s, t, g) -> {
            ConsumerGroupMeta next = g;
            for (Placed p : restored) {
                if (p.streamId() == s.id() && p.topicId() == t.id() && p.groupId() == g.id()
                        && next.member(p.member().key()) == null) {
                    next = next.withMember(p.member());
                }
            }
            return next;
        });
    }

    @FunctionalInterface
    private interface GroupChange {
        ConsumerGroupMeta apply(StreamMeta stream, TopicMeta topic, ConsumerGroupMeta group);
    }

    /** Applies a change to every group and installs the result once, when anything changed. */
    private void eachGroup(GroupChange change) {
        Metadata md = writer.current();
        Metadata next = md;
        for (StreamMeta stream : md.streams().values()) {
            StreamMeta changedStream = stream;
            for (TopicMeta topic : stream.topics().values()) {
                TreeMap<Long, ConsumerGroupMeta> groups = null;
                for (ConsumerGroupMeta group : topic.consumerGroups().values()) {
                    ConsumerGroupMeta changed = change.apply(stream, topic, group);
                    if (changed != group) {
                        if (groups == null) {
                            groups = new TreeMap<>(topic.consumerGroups());
                        }
                        groups.put(group.id(), changed);
                    }
                }
                if (groups != null) {
                    changedStream = changedStream.withTopic(
                            topic.withConsumerGroups(Collections.unmodifiableNavigableMap(groups)));
                }
            }
            if (changedStream != stream) {
                next = next.withStream(changedStream);
            }
        }
        if (next != md) {
            writer.install(next);
        }
    }

    /**
     * @param topic   the topic
     * @param groupId a group id or name
     * @return the group
     * @throws IggyException 5000 when the topic has no such group
     */
    public static ConsumerGroupMeta requireGroup(TopicMeta topic, Identifier groupId) {
        ConsumerGroupMeta group = topic.consumerGroup(groupId);
        if (group == null) {
            throw new IggyException(ErrorCode.CONSUMER_GROUP_ID_NOT_FOUND,
                    "consumer group " + groupId + " not found in topic " + topic.id());
        }
        return group;
    }
}
