package org.iggyj.kernel.metadata;

/**
 * Which member of a consumer group owns which partition: partition {@code i} belongs to the member
 * at position {@code i mod M} in join order, M being the number of members. A pure function of
 * the member count and the partition count, so one metadata snapshot can never give a partition
 * to two members, and every partition has an owner whenever the group has a member.
 *
 * <p>Design note: Iggy 0.8 rebalances cooperatively on join (a partition waits, "pending
 * revocation", until the group's committed offset catches up) and fully on leave. The wait exists
 * so that two members do not read the same messages around a move. Here a move is harmless as
 * long as offsets are committed: a group poll reads the group's offset and commits the new one in
 * one task on the partition's owner shard, so the new owner continues exactly where the old one
 * stopped. Every membership or partition change is therefore a full, deterministic reassignment.
 */
public final class GroupAssignment {

    private GroupAssignment() {
    }

    /**
     * @param memberIndex     the member's position in join order, 0-based
     * @param membersCount    members in the group
     * @param partitionsCount partitions in the topic
     * @return the member's partition ids, ascending
     */
    public static int[] partitionsOf(int memberIndex, int membersCount, int partitionsCount) {
        if (memberIndex < 0 || memberIndex >= membersCount || memberIndex >= partitionsCount) {
            return new int[0];
        }
        int[] owned = new int[(partitionsCount - memberIndex + membersCount - 1) / membersCount];
        for (int k = 0; k < owned.length; k++) {
            owned[k] = memberIndex + k * membersCount;
        }
        return owned;
    }

    /**
     * @param partitionId     a partition id
     * @param membersCount    members in the group
     * @param partitionsCount partitions in the topic
     * @return the position in join order of the member owning the partition, or -1 when nobody does
     */
    public static int ownerOf(long partitionId, int membersCount, int partitionsCount) {
        if (membersCount == 0 || partitionId < 0 || partitionId >= partitionsCount) {
            return -1;
        }
        return (int) (partitionId % membersCount);
    }
}
