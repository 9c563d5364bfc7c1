package org.iggyj.spi.cluster;

/**
 * Where the leader found the message bytes of the entries it sent to followers, counted since it
 * started ({@code replication.message_bytes = "segments"}; docs/cluster.md, "Message bytes and the
 * Raft log", point 6). Many reads from the partitions mean the in-flight map was too small for a
 * lagging follower (or empty after a leader change).
 *
 * @param pending   answered from the leader's pending request (the entry not applied yet)
 * @param inFlight  answered from the leader's in-flight map (applied, some follower still lacked it)
 * @param partition read back from the partition (neither held it)
 */
public record EntryDataReads(long pending, long inFlight, long partition) {

    /** No read counted (a follower, or message bytes in the Raft log). */
    public static final EntryDataReads NONE = new EntryDataReads(0, 0, 0);
}
