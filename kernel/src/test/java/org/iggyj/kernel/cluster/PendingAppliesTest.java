package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.spi.Reply;
import org.junit.jupiter.api.Test;

class PendingAppliesTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final PendingApplies pending = new PendingApplies(now::get);

    @Test
    void shouldExpireOnlyTheWaitsOlderThanTheBound() throws Exception {
        pending.bound(100);
        CompletableFuture<Reply> old = pending.add(1);
        now.addAndGet(60);
        CompletableFuture<Reply> young = pending.add(2);
        now.addAndGet(40);

        assertEquals(1, pending.expireOverdue());

        ExecutionException failed = assertThrows(ExecutionException.class, old::get);
        IggyException timeout = assertInstanceOf(IggyException.class, failed.getCause());
        assertEquals(ErrorCode.TASK_TIMEOUT, timeout.errorCode());
        assertTrue(timeout.getMessage().contains("request timeout"), timeout.getMessage());
        assertFalse(young.isDone());
        assertNull(pending.remove(1), "an expired wait is dropped");
        assertSame(young, pending.remove(2));
    }

    @Test
    void shouldNeverExpireWithoutABound() {
        CompletableFuture<Reply> reply = pending.add(1);
        now.addAndGet(Long.MAX_VALUE / 2);

        assertEquals(0, pending.expireOverdue());
        assertFalse(reply.isDone());
    }
}
