package org.iggyj.transport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link AnonymousLogin}: one verification of the configured credentials serves the connections of its
 * window, including those arriving while it runs; a failed or expired one is repeated.
 */
class AnonymousLoginTest {

    private static final long WINDOW = 1_000;

    private final AtomicLong now = new AtomicLong();
    private final AnonymousLogin logins = new AnonymousLogin(now::get, WINDOW);
    private final AtomicInteger verifications = new AtomicInteger();
    private final List<Long> reused = new ArrayList<>();

    private CompletionStage<Boolean> connect(CompletableFuture<Long> verificationAnswer) {
        return logins.login(() -> {
            verifications.incrementAndGet();
            return verificationAnswer;
        }, userId -> reused.add(userId));
    }

    @Test
    void shouldVerifyOnceForTheConnectionsOfItsWindowEvenWhileTheVerificationRuns() {
        CompletableFuture<Long> answer = new CompletableFuture<>();
        CompletableFuture<Boolean> first = connect(answer).toCompletableFuture();
        CompletableFuture<Boolean> waiting = connect(new CompletableFuture<>()).toCompletableFuture();
        assertFalse(first.isDone());
        assertFalse(waiting.isDone(), "waits for the running verification");

        answer.complete(5L);
        now.addAndGet(WINDOW);
        boolean later = connect(new CompletableFuture<>()).toCompletableFuture().join();

        assertTrue(first.join());
        assertTrue(waiting.join());
        assertTrue(later);
        assertEquals(1, verifications.get());
        assertEquals(List.of(5L, 5L), reused);
    }

    @Test
    void shouldVerifyAgainAfterTheWindow() {
        assertTrue(connect(CompletableFuture.completedFuture(5L)).toCompletableFuture().join());
        now.addAndGet(WINDOW + 1);

        CompletableFuture<Long> refused = CompletableFuture.completedFuture(-1L);
        assertFalse(connect(refused).toCompletableFuture().join(), "a changed password locks new connections out");

        assertEquals(2, verifications.get());
        assertEquals(List.of(), reused);
    }

    @Test
    void shouldNotRememberRefusedCredentials() {
        CompletableFuture<Long> refused = new CompletableFuture<>();
        CompletableFuture<Boolean> first = connect(refused).toCompletableFuture();
        CompletableFuture<Boolean> waiting = connect(new CompletableFuture<>()).toCompletableFuture();
        refused.complete(-1L);

        assertFalse(first.join());
        assertFalse(waiting.join(), "a connection waiting on a refused verification is refused too");
        assertTrue(connect(CompletableFuture.completedFuture(3L)).toCompletableFuture().join());
        assertEquals(2, verifications.get());
    }

    @Test
    void shouldVerifyForItselfWhenTheKernelCannotReuseAVerification() {
        AnonymousLogin noReuse = new AnonymousLogin(now::get, WINDOW);
        AtomicInteger count = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertTrue(noReuse.login(() -> {
                count.incrementAndGet();
                return CompletableFuture.completedFuture(9L);
            }, userId -> false).toCompletableFuture().join());
        }
        assertEquals(3, count.get());
    }

    @Test
    void shouldRepeatAVerificationThatFailed() {
        CompletableFuture<Long> broken = CompletableFuture.failedFuture(new IllegalStateException("kernel gone"));
        assertTrue(connect(broken).toCompletableFuture().isCompletedExceptionally());
        assertTrue(connect(CompletableFuture.completedFuture(4L)).toCompletableFuture().join());
        assertEquals(2, verifications.get());
    }
}
