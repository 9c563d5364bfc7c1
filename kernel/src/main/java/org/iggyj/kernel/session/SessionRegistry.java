package org.iggyj.kernel.session;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.commons.codec.digest.XXHash32;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.ConnectionCloser;
import org.iggyj.spi.Session;
import org.iggyj.spi.Sessions;

/**
 * The registry of connected clients, shared by every transport. Thread-safe.
 *
 * <p>Client ids are XXH32 (seed 0) of the peer address text, as Iggy computes them. Two live
 * connections can only collide if their addresses hash alike; the registry then keeps both
 * (keyed by session object) and reports the same id twice, which is what Iggy would show.
 */
public final class SessionRegistry implements Sessions {

    private final ConcurrentHashMap<ClientSession, Boolean> open = new ConcurrentHashMap<>();
    private final List<Function<ClientSession, CompletionStage<?>>> departureListeners = new CopyOnWriteArrayList<>();
    private final UnauthenticatedConnections unauthenticated;

    /** A registry without limits on connections that have not logged in (in-process use). */
    public SessionRegistry() {
        this(UnauthenticatedConnections.unlimited());
    }

    /**
     * @param unauthenticated limits and login timeout for connections that have not logged in
     */
    public SessionRegistry(UnauthenticatedConnections unauthenticated) {
        this.unauthenticated = unauthenticated;
    }

    /** @return the connections that have not logged in yet, with their limits */
    public UnauthenticatedConnections unauthenticated() {
        return unauthenticated;
    }

    /**
     * @param listener called, on the closing thread, when a session closes or goes stale (for
     *                 example to leave its consumer groups); must be thread-safe and not block;
     *                 returns what completes when its work for the session is done
     */
    public void onDeparture(Function<ClientSession, CompletionStage<?>> listener) {
        departureListeners.add(listener);
    }

    @Override
    public Session open(TransportKind kind, InetSocketAddress remote) {
        return open(kind, remote, false);
    }

    @Override
    public Session open(TransportKind kind, InetSocketAddress remote, boolean fileRegions) {
        return open(kind, remote, fileRegions, null);
    }

    @Override
    public Session open(TransportKind kind, InetSocketAddress remote, boolean fileRegions, ConnectionCloser closer) {
        ClientSession session = new ClientSession(clientIdOf(remote), remote, kind, fileRegions);
        session.track(unauthenticated, closer);
        unauthenticated.admit(session);
        open.put(session, Boolean.TRUE);
        return session;
    }

    @Override
    public Session openWithAppendOffsets(TransportKind kind, InetSocketAddress remote) {
        ClientSession session = (ClientSession) open(kind, remote, false, null);
        session.reportAppendOffsets();
        return session;
    }

    @Override
    public Session openAuthenticated(TransportKind kind, InetSocketAddress remote, long userId) {
        ClientSession session = new ClientSession(0, remote, kind);
        session.login(userId);
        return session;
    }

    @Override
    public void loginVerified(Session session, long userId) {
        ((ClientSession) session).login(userId);
    }

    @Override
    public Session openDetached(TransportKind kind, InetSocketAddress remote) {
        return new ClientSession(0, remote, kind);
    }

    @Override
    public void close(Session session) {
        if (session instanceof ClientSession cs && cs.markClosed()) {
            unauthenticated.release(cs);
            open.remove(cs);
            departed(cs);
        }
    }

    /**
     * Marks stale and removes every session whose last ping is older than the threshold; the
     * connection stays open until its next authenticated command is refused with 30.
     *
     * @param nowNanos       {@link System#nanoTime()} now
     * @param thresholdNanos longest silence allowed
     * @return the sessions marked stale
     */
    public List<ClientSession> expireSilent(long nowNanos, long thresholdNanos) {
        List<ClientSession> expired = new ArrayList<>();
        for (ClientSession s : open.keySet()) {
            if (nowNanos - s.lastHeartbeatNanos() > thresholdNanos) {
                // Stale first (a group join racing the leave must see it), but its refusals wait
                // for the leave: a client told it is stale is no longer listed in any group.
                CompletableFuture<Void> left = new CompletableFuture<>();
                s.markStale(left);
                open.remove(s);
                departed(s).whenComplete((ignored, failure) -> left.complete(null));
                expired.add(s);
            }
        }
        return expired;
    }

    private CompletableFuture<Void> departed(ClientSession session) {
        List<CompletableFuture<?>> done = new ArrayList<>(departureListeners.size());
        for (Function<ClientSession, CompletionStage<?>> listener : departureListeners) {
            done.add(listener.apply(session).toCompletableFuture());
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    /**
     * @return the open sessions, in no particular order
     */
    public Collection<ClientSession> all() {
        return List.copyOf(open.keySet());
    }

    /**
     * @param clientId a client id
     * @return the session with that id, or null
     */
    public ClientSession byClientId(long clientId) {
        for (ClientSession s : open.keySet()) {
            if (s.clientId() == clientId) {
                return s;
            }
        }
        return null;
    }

    /**
     * @return the number of open sessions
     */
    public int count() {
        return open.size();
    }

    /**
     * @param userId a user id
     * @return the sessions that user is logged in on
     */
    public List<ClientSession> ofUser(long userId) {
        List<ClientSession> result = new ArrayList<>();
        for (ClientSession s : open.keySet()) {
            if (s.userId() == userId) {
                result.add(s);
            }
        }
        return result;
    }

    static long clientIdOf(InetSocketAddress remote) {
        byte[] text = ClientSession.renderAddress(remote).getBytes(StandardCharsets.UTF_8);
        XXHash32 hash = new XXHash32(0);
        hash.update(text, 0, text.length);
        return hash.getValue();
    }
}
