package org.iggyj.kernel.command;

import org.iggyj.kernel.metadata.ConsumerGroupMeta;
import org.iggyj.kernel.metadata.ConsumerGroupWriter;
import org.iggyj.kernel.metadata.GroupMember;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Consumer;

/**
 * Resolves a consumer-group consumer (kind 2) in poll and offset commands to the member and the
 * partition it acts on, from one metadata snapshot (binary-protocol.md §2.2, §2.3).
 */
final class GroupConsumers {

    /**
     * @param group     the group
     * @param member    the calling session's membership
     * @param partition the partition to act on; null when the member has none to read
     */
    record Target(ConsumerGroupMeta group, GroupMember member, Partition partition) {
    }

    private GroupConsumers() {
    }

    /**
     * Without a partition id: the member's partitions in turn, advancing its cursor once per poll.
     * With one: that partition if the member owns it. Either way a null partition means "answer
     * an empty result".
     *
     * @throws IggyException 5000 for an unknown group, 5006 when the session is not a member
     */
    static Target forPoll(TopicMeta topic, Consumer consumer, ClientSession session, boolean hasPartition,
                          long partitionId) {
        ConsumerGroupMeta group = ConsumerGroupWriter.requireGroup(topic, consumer.id());
        GroupMember member = requireMember(group, session);
        int count = topic.partitions().size();
        long chosen;
        if (hasPartition) {
            chosen = group.owns(member, partitionId, count) ? partitionId : -1;
        } else {
            int[] owned = group.partitionsOf(member, count);
            chosen = owned.length == 0 ? -1 : owned[(int) Math.floorMod(member.pollCursor().getAndIncrement(),
                    (long) owned.length)];
        }
        if (chosen < 0) {
            return new Target(group, member, null);
        }
        member.lastPolled().set(chosen);
        return new Target(group, member, topic.partitions().get((int) chosen));
    }

    /**
     * For store and delete offset. Without a partition id: the partition the member polled last if
     * it still owns it, else the one its next poll would read.
     *
     * @throws IggyException 5000, 5006, or 3022 when the member owns no such partition
     */
    static Target forOffsetChange(TopicMeta topic, Consumer consumer, ClientSession session, boolean hasPartition,
                                  long partitionId) {
        ConsumerGroupMeta group = ConsumerGroupWriter.requireGroup(topic, consumer.id());
        GroupMember member = requireMember(group, session);
        int count = topic.partitions().size();
        long chosen = -1;
        if (hasPartition) {
            chosen = group.owns(member, partitionId, count) ? partitionId : -1;
        } else {
            long last = member.lastPolled().get();
            if (last >= 0 && group.owns(member, last, count)) {
                chosen = last;
            } else {
                int[] owned = group.partitionsOf(member, count);
                if (owned.length > 0) {
                    chosen = owned[(int) Math.floorMod(member.pollCursor().get(), (long) owned.length)];
                }
            }
        }
        if (chosen < 0) {
            throw new IggyException(ErrorCode.NOT_RESOLVED_CONSUMER,
                    "consumer group member owns no " + (hasPartition ? "partition " + partitionId : "partition"));
        }
        return new Target(group, member, topic.partitions().get((int) chosen));
    }

    private static GroupMember requireMember(ConsumerGroupMeta group, ClientSession session) {
        GroupMember member = group.member(session);
        if (member == null) {
            throw new IggyException(ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND,
                    "this client is not a member of consumer group " + group.id());
        }
        return member;
    }
}
