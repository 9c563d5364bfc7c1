package org.iggyj.kernel.metadata;

import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.kernel.session.ClientSession;

/**
 * A membership in one consumer group. Memberships live only in memory (clients rejoin after a
 * restart; with clustering they are part of the replicated state and of its snapshots). The same
 * object is carried into every later snapshot while the member stays, so its counters survive
 * unrelated metadata changes.
 *
 * @param id          member id within the group, 0-based; grows with join order
 * @param key         who the member is on every node
 * @param session     the member's connection on the node that owns it; null on the other nodes
 *                    (clustering), which only count it for the assignment
 * @param pollCursor  round-robin counter over the member's partitions, advanced once per poll
 *                    without an explicit partition
 * @param lastPolled  the partition this member last polled, -1 before its first poll; used by
 *                    offset commands that name no partition
 */
public record GroupMember(long id, MemberKey key, ClientSession session, AtomicLong pollCursor,
                          AtomicLong lastPolled) {

    /**
     * @param id      member id
     * @param session the member's connection on this single node
     * @return a member that has not polled yet
     */
    public static GroupMember joining(long id, ClientSession session) {
        return joining(id, localKey(session), session);
    }

    /**
     * @param id      member id
     * @param key     the member's key
     * @param session its connection when this node owns it, else null
     * @return a member that has not polled yet
     */
    public static GroupMember joining(long id, MemberKey key, ClientSession session) {
        return new GroupMember(id, key, session, new AtomicLong(), new AtomicLong(-1));
    }

    /**
     * @param session a connection
     * @return its key on a single node
     */
    public static MemberKey localKey(ClientSession session) {
        return new MemberKey("", 0, session.serial());
    }

    /**
     * @param live the member's connection, now known on its owning node
     * @return this member bound to it, counters kept
     */
    public GroupMember boundTo(ClientSession live) {
        return new GroupMember(id, key, live, pollCursor, lastPolled);
    }
}
