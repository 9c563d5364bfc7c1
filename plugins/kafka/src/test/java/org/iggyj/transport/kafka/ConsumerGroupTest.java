package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.DefaultEventExecutor;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConsumerGroupTest {

    private final DefaultEventExecutor timer = new DefaultEventExecutor();
    private final ConsumerGroup group = new ConsumerGroup("g", timer);

    @AfterEach
    void stop() {
        timer.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private CompletableFuture<JoinGroupResponseData> join(String memberId, int rebalanceTimeoutMs) {
        return group.join(new ConsumerGroup.JoinRequest(memberId, "client", "/127.0.0.1", "consumer",
                Map.of("range", new byte[] {1}), 10_000, rebalanceTimeoutMs));
    }

    @Test
    void shouldMakeTheFirstMemberLeaderAndStableAfterItsSync() throws Exception {
        JoinGroupResponseData joined = join("", 5_000).get(5, TimeUnit.SECONDS);
        assertEquals(Errors.NONE.code(), joined.errorCode());
        assertEquals(1, joined.generationId());
        assertEquals(joined.memberId(), joined.leader());
        assertEquals("range", joined.protocolName());
        assertEquals(1, joined.members().size());

        SyncGroupResponseData synced = group.sync(joined.memberId(), 1, Map.of(joined.memberId(), new byte[] {9}))
                .get(5, TimeUnit.SECONDS);
        assertEquals(Errors.NONE.code(), synced.errorCode());
        assertArrayEquals(new byte[] {9}, synced.assignment());
        assertEquals(ConsumerGroup.State.STABLE, group.state());
        assertEquals(Errors.NONE, group.heartbeat(joined.memberId(), 1));
        assertEquals(Errors.ILLEGAL_GENERATION, group.heartbeat(joined.memberId(), 0));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, group.heartbeat("stranger", 1));
    }

    @Test
    void shouldRebalanceWhenASecondMemberJoinsAndReleaseFollowersOnTheLeadersSync() throws Exception {
        String leader = join("", 5_000).get(5, TimeUnit.SECONDS).memberId();
        group.sync(leader, 1, Map.of(leader, new byte[] {1})).get(5, TimeUnit.SECONDS);

        CompletableFuture<JoinGroupResponseData> second = join("", 5_000);
        assertFalse(second.isDone(), "waits for the known member to join again");
        assertEquals(Errors.REBALANCE_IN_PROGRESS, group.heartbeat(leader, 1));
        JoinGroupResponseData leaderAgain = join(leader, 5_000).get(5, TimeUnit.SECONDS);
        JoinGroupResponseData follower = second.get(5, TimeUnit.SECONDS);
        assertEquals(2, leaderAgain.generationId());
        assertEquals(leader, leaderAgain.leader());
        assertEquals(2, leaderAgain.members().size());
        assertTrue(follower.members().isEmpty(), "only the leader learns the subscriptions");

        CompletableFuture<SyncGroupResponseData> followerSync = group.sync(follower.memberId(), 2, Map.of());
        assertFalse(followerSync.isDone(), "waits for the leader's assignment");
        group.sync(leader, 2, Map.of(leader, new byte[] {1}, follower.memberId(), new byte[] {2}))
                .get(5, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {2}, followerSync.get(5, TimeUnit.SECONDS).assignment());
    }

    @Test
    void shouldDropAMemberThatDoesNotRejoinWithinTheRebalanceTimeout() throws Exception {
        String first = join("", 200).get(5, TimeUnit.SECONDS).memberId();
        group.sync(first, 1, Map.of()).get(5, TimeUnit.SECONDS);
        JoinGroupResponseData second = join("", 200).get(5, TimeUnit.SECONDS);
        assertEquals(Errors.NONE.code(), second.errorCode());
        assertEquals(second.memberId(), second.leader(), "the silent member was removed, the newcomer leads");
        assertEquals(1, group.members().size());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, group.heartbeat(first, 2));
    }

    @Test
    void shouldEmptyTheGroupWhenTheLastMemberLeaves() throws Exception {
        String only = join("", 5_000).get(5, TimeUnit.SECONDS).memberId();
        assertEquals(Errors.NONE, group.leave(only));
        assertEquals(ConsumerGroup.State.EMPTY, group.state());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, group.leave(only));
    }

    @Test
    void shouldExpireAMemberWhoseSessionTimedOut() throws Exception {
        String only = group.join(new ConsumerGroup.JoinRequest("", "c", "/h", "consumer",
                Map.of("range", new byte[0]), 50, 5_000)).get(5, TimeUnit.SECONDS).memberId();
        group.sync(only, 1, Map.of()).get(5, TimeUnit.SECONDS);
        group.expireMembers(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        assertEquals(ConsumerGroup.State.EMPTY, group.state());
    }
}
