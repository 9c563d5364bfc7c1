package org.iggyj.kernel.metadata;

import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.kernel.session.ClientSession;

/**
 * A session's membership in one consumer group. Memberships live only in memory (clients rejoin
 * after a restart). The same object is carried into every later snapshot while the session stays
 * a member, so its counters survive unrelated metadata changes.
 *
 * @param id          member id within the group, 0-based; grows with join order
 * @param session     the member's connection
 * @param pollCursor  round-robin counter over the member's partitions, advanced once per poll
 *                    without an explicit partition
 * @param lastPolled  the partition this member last polled, -1 before its first poll; used by
 *                    offset commands that name no partition
 */
public record GroupMember(long id, ClientSession session, AtomicLong pollCursor, AtomicLong lastPolled) {

    /**
     * @param id      member id
     * @param session the member's connection
     * @return a member that has not polled yet
     */
    public static GroupMember joining(long id, ClientSession session) {
        return new GroupMember(id, session, new AtomicLong(), new AtomicLong(-1));
    }
}
