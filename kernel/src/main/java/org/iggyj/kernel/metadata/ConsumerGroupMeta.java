package org.iggyj.kernel.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.iggyj.kernel.session.ClientSession;

/**
 * A consumer group in one metadata snapshot: its persisted identity (id and name) and its current
 * members, which are not persisted. Partition ownership follows from the members' order and the
 * topic's partition count ({@link GroupAssignment}).
 *
 * @param id      group id within the topic, 0-based
 * @param name    name, unique within the topic
 * @param members members in join order (ascending member id); unmodifiable. With clustering, the
 *                same list on every node (replicated), each bound to a session only on its own node
 */
public record ConsumerGroupMeta(long id, String name, List<GroupMember> members) {

    /**
     * @param id   group id
     * @param name group name
     * @return a group without members
     */
    public static ConsumerGroupMeta empty(long id, String name) {
        return new ConsumerGroupMeta(id, name, List.of());
    }

    /**
     * @param session a connection
     * @return its membership, or null when it is not a member
     */
    public GroupMember member(ClientSession session) {
        for (GroupMember m : members) {
            if (m.session() == session) {
                return m;
            }
        }
        return null;
    }

    /**
     * @param key a member key
     * @return the member with that key, or null
     */
    public GroupMember member(MemberKey key) {
        for (GroupMember m : members) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return null;
    }

    /**
     * @param member          a member of this group
     * @param partitionsCount partitions in the topic
     * @return the member's partition ids, ascending; empty when it owns none
     */
    public int[] partitionsOf(GroupMember member, int partitionsCount) {
        return GroupAssignment.partitionsOf(members.indexOf(member), members.size(), partitionsCount);
    }

    /**
     * @param member          a member of this group
     * @param partitionId     a partition id
     * @param partitionsCount partitions in the topic
     * @return whether the member owns that partition
     */
    public boolean owns(GroupMember member, long partitionId, int partitionsCount) {
        int owner = GroupAssignment.ownerOf(partitionId, members.size(), partitionsCount);
        return owner >= 0 && members.get(owner) == member;
    }

    /**
     * @param session a connection that is not a member yet
     * @return a copy with the session as its newest member (id = highest id + 1)
     */
    public ConsumerGroupMeta withMember(ClientSession session) {
        return withMember(GroupMember.localKey(session), session);
    }

    /**
     * @param key     a member key that is not a member yet
     * @param session its connection on the node that owns it, else null
     * @return a copy with the key as its newest member (id = highest id + 1)
     */
    public ConsumerGroupMeta withMember(MemberKey key, ClientSession session) {
        long nextId = members.isEmpty() ? 0 : members.get(members.size() - 1).id() + 1;
        return withMember(GroupMember.joining(nextId, key, session));
    }

    /**
     * @param member a member restored or rebound (ids ascending: it must be newer than every member)
     * @return a copy with it as the newest member
     */
    public ConsumerGroupMeta withMember(GroupMember member) {
        List<GroupMember> copy = new ArrayList<>(members);
        copy.add(member);
        return new ConsumerGroupMeta(id, name, List.copyOf(copy));
    }

    /**
     * @param gone which members leave
     * @return a copy without them; this very object when none leaves
     */
    public ConsumerGroupMeta withoutMembers(Predicate<GroupMember> gone) {
        List<GroupMember> copy = new ArrayList<>(members);
        return copy.removeIf(gone) ? new ConsumerGroupMeta(id, name, List.copyOf(copy)) : this;
    }

    /**
     * @param rebind the member bound to its session, or the member itself
     * @return a copy with the members replaced; this very object when none changed
     */
    public ConsumerGroupMeta withMembersMapped(UnaryOperator<GroupMember> rebind) {
        List<GroupMember> copy = new ArrayList<>(members.size());
        boolean changed = false;
        for (GroupMember m : members) {
            GroupMember next = rebind.apply(m);
            changed |= next != m;
            copy.add(next);
        }
        return changed ? new ConsumerGroupMeta(id, name, List.copyOf(copy)) : this;
    }

    /**
     * @param session a connection
     * @return a copy without that session's membership
     */
    public ConsumerGroupMeta withoutMember(ClientSession session) {
        List<GroupMember> copy = new ArrayList<>(members);
        copy.removeIf(m -> m.session() == session);
        return new ConsumerGroupMeta(id, name, List.copyOf(copy));
    }
}
