package org.iggyj.kernel.session;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code [heartbeat] enabled = true}: every interval, marks stale every session whose last ping
 * (or connect) is older than 1.2 × the interval. A stale session leaves the registry and its
 * consumer groups at once; its connection is closed at its next authenticated command, which is
 * answered with 30 (server-semantics.md §3.15) once the groups no longer list it.
 */
public final class HeartbeatReaper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatReaper.class);

    private final SessionRegistry sessions;
    private final long thresholdNanos;
    private final ScheduledExecutorService timer;

    private HeartbeatReaper(SessionRegistry sessions, Duration interval) {
        this.sessions = sessions;
        this.thresholdNanos = interval.toNanos() * 12 / 10;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("iggy-heartbeat", true));
    }

    /**
     * @param sessions the registry to watch
     * @param interval the expected ping interval, greater than zero
     * @return a running reaper
     */
    public static HeartbeatReaper start(SessionRegistry sessions, Duration interval) {
        HeartbeatReaper reaper = new HeartbeatReaper(sessions, interval);
        long periodNanos = interval.toNanos();
        reaper.timer.scheduleAtFixedRate(reaper::sweep, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return reaper;
    }

    private void sweep() {
        try {
            List<ClientSession> expired = sessions.expireSilent(System.nanoTime(), thresholdNanos);
            for (ClientSession s : expired) {
                LOG.info("Client {} ({}) sent no ping in time and is now stale", s.clientId(), s.addressText());
            }
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule.
            LOG.error("Heartbeat sweep failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
