package org.iggyj.kernel.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.protocol.TransportKind;
import org.junit.jupiter.api.Test;

class GroupAssignmentTest {

    private final SessionRegistry registry = new SessionRegistry();

    private ClientSession session(int port) {
        return (ClientSession) registry.open(TransportKind.TCP, new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void everyPartitionHasExactlyOneOwnerAndSharesDifferByAtMostOne() {
        for (int members = 1; members <= 8; members++) {
            for (int partitions = 0; partitions <= 25; partitions++) {
                int[] owners = new int[partitions];
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int m = 0; m < members; m++) {
                    int[] owned = GroupAssignment.partitionsOf(m, members, partitions);
                    min = Math.min(min, owned.length);
                    max = Math.max(max, owned.length);
                    for (int p : owned) {
                        owners[p]++;
                        assertEquals(m, GroupAssignment.ownerOf(p, members, partitions));
                    }
                }
                for (int p = 0; p < partitions; p++) {
                    assertEquals(1, owners[p], "partition " + p + " with " + members + " members");
                }
                assertTrue(max - min <= 1, members + " members over " + partitions + " partitions");
            }
        }
    }

    @Test
    void nobodyOwnsAnythingWithoutMembersOrOutsideTheTopic() {
        assertEquals(-1, GroupAssignment.ownerOf(0, 0, 3));
        assertEquals(-1, GroupAssignment.ownerOf(3, 2, 3));
        assertEquals(-1, GroupAssignment.ownerOf(-1, 2, 3));
        assertArrayEquals(new int[0], GroupAssignment.partitionsOf(2, 2, 5));
        assertArrayEquals(new int[0], GroupAssignment.partitionsOf(3, 4, 3));
    }

    @Test
    void partitionIGoesToMemberIModMInJoinOrder() {
        assertArrayEquals(new int[] {0, 3, 6}, GroupAssignment.partitionsOf(0, 3, 7));
        assertArrayEquals(new int[] {1, 4}, GroupAssignment.partitionsOf(1, 3, 7));
        assertArrayEquals(new int[] {2, 5}, GroupAssignment.partitionsOf(2, 3, 7));
    }

    @Test
    void joinAndLeaveReassignDeterministically() {
        ClientSession a = session(1001);
        ClientSession b = session(1002);
        ClientSession c = session(1003);
        ConsumerGroupMeta group = ConsumerGroupMeta.empty(0, "g").withMember(a).withMember(b).withMember(c);
        assertEquals(List.of(0L, 1L, 2L), group.members().stream().map(GroupMember::id).toList());
        assertArrayEquals(new int[] {0, 3}, group.partitionsOf(group.member(a), 6));
        assertArrayEquals(new int[] {1, 4}, group.partitionsOf(group.member(b), 6));
        assertArrayEquals(new int[] {2, 5}, group.partitionsOf(group.member(c), 6));

        GroupMember memberC = group.member(c);
        ConsumerGroupMeta afterLeave = group.withoutMember(b);
        assertNull(afterLeave.member(b));
        assertSame(memberC, afterLeave.member(c), "a member keeps its state across snapshots");
        assertArrayEquals(new int[] {0, 2, 4}, afterLeave.partitionsOf(afterLeave.member(a), 6));
        assertArrayEquals(new int[] {1, 3, 5}, afterLeave.partitionsOf(afterLeave.member(c), 6));
        assertTrue(afterLeave.owns(afterLeave.member(c), 5, 6));
        assertFalse(afterLeave.owns(afterLeave.member(a), 5, 6));

        ConsumerGroupMeta rejoined = afterLeave.withMember(b);
        assertEquals(3L, rejoined.member(b).id(), "a new member gets the highest id + 1");
        assertArrayEquals(new int[] {2, 5}, rejoined.partitionsOf(rejoined.member(b), 6));
        assertArrayEquals(new int[] {0}, rejoined.partitionsOf(rejoined.member(a), 2),
                "a partition-count change reassigns as well");
        assertArrayEquals(new int[0], rejoined.partitionsOf(rejoined.member(b), 2));
    }
}
