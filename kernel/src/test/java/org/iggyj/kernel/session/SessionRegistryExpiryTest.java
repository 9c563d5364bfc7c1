package org.iggyj.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.iggyj.protocol.TransportKind;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionRegistry#expireSilent}: a silent session is stale at once, but what tells its client so
 * waits until the departure listeners (leaving its consumer groups) are done.
 */
class SessionRegistryExpiryTest {

    @Test
    void shouldHoldTheStaleAnswerUntilTheSessionHasLeftItsGroups() {
        SessionRegistry registry = new SessionRegistry();
        CompletableFuture<Void> leave = new CompletableFuture<>();
        registry.onDeparture(session -> leave);
        ClientSession silent = (ClientSession) registry.open(TransportKind.TCP, new InetSocketAddress("127.0.0.1", 40001));

        List<ClientSession> expired = registry.expireSilent(System.nanoTime() + TimeUnit.SECONDS.toNanos(10),
                TimeUnit.SECONDS.toNanos(1));

        assertEquals(List.of(silent), expired);
        assertTrue(silent.isStale(), "a join racing the leave must already see the session as stale");
        assertEquals(0, registry.count());
        assertFalse(silent.groupsLeft().toCompletableFuture().isDone(), "the leave has not been applied yet");
        leave.complete(null);
        assertTrue(silent.groupsLeft().toCompletableFuture().isDone());
    }

    @Test
    void shouldNotExpireASessionThatPingedInTime() {
        SessionRegistry registry = new SessionRegistry();
        registry.onDeparture(session -> CompletableFuture.completedFuture(null));
        ClientSession pinging = (ClientSession) registry.open(TransportKind.TCP, new InetSocketAddress("127.0.0.1", 40002));

        assertEquals(List.of(), registry.expireSilent(System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
        assertFalse(pinging.isStale());
        assertTrue(pinging.groupsLeft().toCompletableFuture().isDone());
    }
}
