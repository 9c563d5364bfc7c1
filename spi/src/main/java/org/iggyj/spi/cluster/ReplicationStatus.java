package org.iggyj.spi.cluster;

import java.util.Map;

/**
 * A read-only snapshot of this node's replication state, for monitoring ({@code /metrics}). Every
 * field is as this node sees it at the moment it is asked; nothing here is a promise.
 *
 * @param role             {@link #LEADER}, {@link #FOLLOWER}, {@link #CANDIDATE} or {@link #OTHER}
 * @param term             the current term (election epoch), 0 when unknown
 * @param commitIndex      the highest log index known to be committed, -1 when none
 * @param lastAppliedIndex the highest log index applied to the kernel on this node, -1 when none
 * @param followerLag      on the leader: each follower's name to how many log entries it lacks
 *                         (the leader's last index minus the follower's match index); empty elsewhere
 * @param entryDataReads   where this node, as leader, found the message bytes it sent to followers
 */
public record ReplicationStatus(int role, long term, long commitIndex, long lastAppliedIndex,
                                Map<String, Long> followerLag, EntryDataReads entryDataReads) {

    /** Role: the leader. Same numbers as get_cluster_metadata's role where they overlap. */
    public static final int LEADER = 0;
    /** Role: a follower. */
    public static final int FOLLOWER = 1;
    /** Role: standing for election. */
    public static final int CANDIDATE = 2;
    /** Role: anything else (starting, stopping, a listener). */
    public static final int OTHER = 3;

    /** Nothing known yet. */
    public static final ReplicationStatus UNKNOWN = new ReplicationStatus(OTHER, 0, -1, -1, Map.of(),
            EntryDataReads.NONE);

    /**
     * @param role             the role
     * @param term             the term
     * @param commitIndex      the commit index
     * @param lastAppliedIndex the last applied index
     * @param followerLag      lag per follower (copied)
     * @param entryDataReads   the leader's reads of entry data (null: none)
     */
    public ReplicationStatus {
        followerLag = Map.copyOf(followerLag);
        entryDataReads = entryDataReads == null ? EntryDataReads.NONE : entryDataReads;
    }

    /** A status without entry data reads (message bytes in the Raft log, or none counted). */
    public ReplicationStatus(int role, long term, long commitIndex, long lastAppliedIndex,
                             Map<String, Long> followerLag) {
        this(role, term, commitIndex, lastAppliedIndex, followerLag, EntryDataReads.NONE);
    }
}
