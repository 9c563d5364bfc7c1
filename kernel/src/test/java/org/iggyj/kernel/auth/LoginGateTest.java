package org.iggyj.kernel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginGateTest {

    @Test
    void shouldRunKnownThenCleanThenSuspectChecksAndBoundTheSuspectQueue() throws Exception {
        try (LoginGate gate = new LoginGate(1, 3)) {
            CountDownLatch release = new CountDownLatch(1);
            List<String> order = new CopyOnWriteArrayList<>();
            CompletableFuture<String> blocker = gate.submit(LoginGate.Priority.CLEAN, () -> {
                await(release);
                return "blocker";
            });
            CompletableFuture<?> s1 = gate.submit(LoginGate.Priority.SUSPECT, () -> order.add("suspect-1"));
            CompletableFuture<?> s2 = gate.submit(LoginGate.Priority.SUSPECT, () -> order.add("suspect-2"));
            CompletableFuture<?> s3 = gate.submit(LoginGate.Priority.SUSPECT, () -> order.add("suspect-3"));
            assertNull(gate.submit(LoginGate.Priority.SUSPECT, () -> order.add("suspect-4")), "past the bound suspects are refused");
            CompletableFuture<?> clean = gate.submit(LoginGate.Priority.CLEAN, () -> order.add("clean"));
            assertNotNull(clean, "clean checks are always queued");
            CompletableFuture<?> known = gate.submit(LoginGate.Priority.KNOWN, () -> order.add("known"));
            release.countDown();
            CompletableFuture.allOf(blocker, s1, s2, s3, clean, known).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("known", "clean", "suspect-1", "suspect-2", "suspect-3"), order);
            assertNotNull(gate.submit(LoginGate.Priority.SUSPECT, () -> "again"), "the bound frees up as suspects run");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
