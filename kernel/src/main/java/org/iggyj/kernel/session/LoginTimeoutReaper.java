package org.iggyj.kernel.session;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends connections that do not log in within {@code [auth] login_timeout} (checked several times per
 * timeout, at most once a second), and runs the auth housekeeping once a minute. One timer thread.
 */
public final class LoginTimeoutReaper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoginTimeoutReaper.class);
    private static final long HOUSEKEEPING_EVERY_NS = TimeUnit.MINUTES.toNanos(1);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("iggy-login-timeout", true));
    private final UnauthenticatedConnections connections;
    private final Runnable housekeeping;
    private long lastHousekeepingNs = System.nanoTime();

    private LoginTimeoutReaper(UnauthenticatedConnections connections, Runnable housekeeping) {
        this.connections = connections;
        this.housekeeping = housekeeping;
    }

    /**
     * @param connections  the connections to watch
     * @param loginTimeout the timeout; zero checks nothing but still runs the housekeeping
     * @param housekeeping run about once a minute (e.g. forgetting old login failures)
     * @return a running reaper
     */
    public static LoginTimeoutReaper start(UnauthenticatedConnections connections, Duration loginTimeout,
                                           Runnable housekeeping) {
        LoginTimeoutReaper reaper = new LoginTimeoutReaper(connections, housekeeping);
        long periodNs = loginTimeout.isZero() ? TimeUnit.SECONDS.toNanos(1)
                : Math.max(TimeUnit.MILLISECONDS.toNanos(100), Math.min(TimeUnit.SECONDS.toNanos(1),
                        loginTimeout.toNanos() / 4));
        reaper.timer.scheduleAtFixedRate(reaper::sweep, periodNs, periodNs, TimeUnit.NANOSECONDS);
        return reaper;
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            connections.expire(now);
            if (now - lastHousekeepingNs >= HOUSEKEEPING_EVERY_NS) {
                lastHousekeepingNs = now;
                housekeeping.run();
            }
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule.
            LOG.error("Login timeout sweep failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
