package org.iggyj.kernel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.shard.Shard;
import org.iggyj.kernel.shard.ShardSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OffsetWaitersTest {

    private final ShardSet shards = new ShardSet(1);
    private final Shard shard = shards.all().get(0);
    private final OffsetWaiters waiters = new OffsetWaiters(shard);

    @AfterEach
    void close() {
        shards.close();
    }

    private void onShard(Runnable work) {
        shard.submit(() -> {
            work.run();
            return null;
        }).join();
    }

    @Test
    void shouldAnswerAtOnceWhenTheOffsetIsAlreadyThere() {
        CompletableFuture<Long> result = new CompletableFuture<>();
        onShard(() -> waiters.await(4, 5, 60_000, result));
        assertEquals(5L, result.getNow(-1L));
        assertEquals(0, shard.submit(waiters::size).join());
    }

    @Test
    void shouldCompleteOnTheAppendThatReachesTheOffset() {
        CompletableFuture<Long> result = new CompletableFuture<>();
        onShard(() -> waiters.await(5, 5, 60_000, result));
        assertFalse(result.isDone());
        onShard(() -> waiters.onAppended(5));
        assertFalse(result.isDone(), "end offset 5 does not hold offset 5 yet");
        onShard(() -> waiters.onAppended(8));
        assertEquals(8L, result.getNow(-1L));
        assertEquals(0, shard.submit(waiters::size).join());
    }

    @Test
    void shouldCompleteWithTheEndOffsetAtTheTimeout() throws Exception {
        CompletableFuture<Long> result = new CompletableFuture<>();
        onShard(() -> waiters.await(10, 3, 50, result));
        assertEquals(3L, result.get(10, TimeUnit.SECONDS));
        assertEquals(0, shard.submit(waiters::size).join());
    }

    @Test
    void shouldAnswerAtOnceWithoutATimeout() {
        CompletableFuture<Long> result = new CompletableFuture<>();
        onShard(() -> waiters.await(10, 3, 0, result));
        assertEquals(3L, result.getNow(-1L));
    }

    @Test
    void shouldDropWaitsTheirCallersAbandonedOnTheNextAppend() {
        CompletableFuture<Long> abandoned = new CompletableFuture<>();
        CompletableFuture<Long> kept = new CompletableFuture<>();
        onShard(() -> {
            waiters.await(100, 0, 60_000, abandoned);
            waiters.await(1, 0, 60_000, kept);
        });
        abandoned.cancel(false);
        onShard(() -> waiters.onAppended(2));
        assertEquals(2L, kept.getNow(-1L));
        assertEquals(0, shard.submit(waiters::size).join());
    }

    @Test
    void shouldHoldAtMostTheBoundAndAnswerTheRestAtOnce() {
        List<CompletableFuture<Long>> held = new ArrayList<>();
        CompletableFuture<Long> beyond = new CompletableFuture<>();
        onShard(() -> {
            for (int i = 0; i < OffsetWaiters.MAX_WAITERS; i++) {
                CompletableFuture<Long> f = new CompletableFuture<>();
                held.add(f);
                waiters.await(7, 7, 60_000, f);
            }
            waiters.await(7, 7, 60_000, beyond);
        });
        assertEquals(7L, beyond.getNow(-1L));
        assertEquals(OffsetWaiters.MAX_WAITERS, shard.submit(waiters::size).join());
        held.get(0).cancel(false);
        CompletableFuture<Long> replacing = new CompletableFuture<>();
        onShard(() -> waiters.await(7, 7, 60_000, replacing));
        assertFalse(replacing.isDone(), "the abandoned wait made room");
        onShard(() -> waiters.releaseAll());
        assertTrue(held.stream().allMatch(CompletableFuture::isDone));
        assertEquals(7L, replacing.getNow(-1L));
        assertEquals(0, shard.submit(waiters::size).join());
    }
}
