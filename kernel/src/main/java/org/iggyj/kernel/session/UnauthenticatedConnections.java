package org.iggyj.kernel.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.iggyj.kernel.auth.LogBudget;
import org.iggyj.kernel.auth.SourceKeys;
import org.iggyj.kernel.metrics.MeterNames;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.spi.SessionRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections that have not logged in yet: at most so many per source address and in total, and none
 * older than the login timeout. A connection counts from its session's open until its first
 * successful login or its close; once logged in it never counts again (a later logout does not make
 * it a stranger), so these limits never touch authenticated clients.
 *
 * <p>Thread-safe: opens and closes come from event loops, logins from hashing threads, the timeout
 * sweep from the server's timer.
 */
public final class UnauthenticatedConnections {

    private static final Logger LOG = LoggerFactory.getLogger("iggy.auth.audit");

    private final int maxPerSource;
    private final int maxTotal;
    private final long loginTimeoutNs;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perSource = new ConcurrentHashMap<>();
    private final Set<ClientSession> waiting = ConcurrentHashMap.newKeySet();
    private final LogBudget logBudget = new LogBudget(10);
    private final Counter refusedPerSource;
    private final Counter refusedTotal;
    private final Counter timedOut;

    /**
     * @param maxPerSource most connections per source that have not logged in
     * @param maxTotal     most such connections in total
     * @param loginTimeout how long one may stay without logging in; zero = forever
     * @param meters       where the refusal counters go
     */
    public UnauthenticatedConnections(int maxPerSource, int maxTotal, Duration loginTimeout, MeterRegistry meters) {
        this.maxPerSource = maxPerSource;
        this.maxTotal = maxTotal;
        this.loginTimeoutNs = loginTimeout.toNanos();
        this.refusedPerSource = counter(meters, "unauthenticated_per_source_limit");
        this.refusedTotal = counter(meters, "unauthenticated_limit");
        this.timedOut = counter(meters, "login_timeout");
    }

    /** @return no limits and no timeout (in-process registries) */
    public static UnauthenticatedConnections unlimited() {
        return new UnauthenticatedConnections(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO,
                new CompositeMeterRegistry());
    }

    /**
     * Counts a new connection, or refuses it.
     *
     * @throws SessionRefusedException with 8 ({@code Disconnected}) when a limit is reached
     */
    void admit(ClientSession session) {
        String source = SourceKeys.of(session.remoteAddress());
        Integer fromSource = perSource.merge(source, 1, Integer::sum);
        if (fromSource > maxPerSource) {
            releaseSource(source);
            refusedPerSource.increment();
            throw refuse(session, "source " + source + " already has " + maxPerSource
                    + " connections that have not logged in ([auth] max_unauthenticated_connections_per_source)");
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            releaseSource(source);
            refusedTotal.increment();
            throw refuse(session, "the server already has " + maxTotal
                    + " connections that have not logged in ([auth] max_unauthenticated_connections)");
        }
        session.awaitLogin(source);
        waiting.add(session);
    }

    /** The session logged in or closed: it no longer counts. Idempotent. */
    void release(ClientSession session) {
        String source = session.stopAwaitingLogin();
        if (source == null) {
            return;
        }
        waiting.remove(session);
        total.decrementAndGet();
        releaseSource(source);
    }

    /**
     * Ends every connection that has waited longer than the login timeout to log in.
     *
     * @param nowNs {@link System#nanoTime()}
     * @return how many were ended
     */
    public int expire(long nowNs) {
        if (loginTimeoutNs <= 0) {
            return 0;
        }
        List<ClientSession> expired = new ArrayList<>();
        for (ClientSession s : waiting) {
            long deadline = s.connectedNanos() + loginTimeoutNs;
            // A login sent in time but slow to check (a busy hashing pool) gets its answer first.
            if (nowNs - deadline > 0 && !s.loginCheckRunningSince(deadline)) {
                expired.add(s);
            }
        }
        for (ClientSession s : expired) {
            if (s.expireLogin()) {
                release(s);
                timedOut.increment();
                if (logBudget.tryAcquire(nowNs) >= 0) {
                    LOG.info("connection {} over {} closed: no login within {} ms ([auth] login_timeout)",
                            s.addressText(), s.transport().name().toLowerCase(java.util.Locale.ROOT),
                            loginTimeoutNs / 1_000_000);
                }
                s.closeConnection(ErrorCode.UNAUTHENTICATED.code(), "no login within the login timeout");
            }
        }
        return expired.size();
    }

    /** @return connections that have not logged in yet */
    public int count() {
        return total.get();
    }

    private void releaseSource(String source) {
        perSource.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
    }

    private SessionRefusedException refuse(ClientSession session, String why) {
        if (logBudget.tryAcquire(System.nanoTime()) >= 0) {
            LOG.warn("connection {} over {} refused: {}", session.addressText(),
                    session.transport().name().toLowerCase(java.util.Locale.ROOT), why);
        }
        return new SessionRefusedException(ErrorCode.DISCONNECTED.code(), why);
    }

    private static Counter counter(MeterRegistry meters, String reason) {
        return Counter.builder(MeterNames.CONNECTIONS_REFUSED)
                .description("connections refused or closed before they logged in")
                .tag(MeterNames.TAG_REASON, reason).register(meters);
    }
}
