package org.iggyj.kernel.config;

import java.time.Duration;

/**
 * {@code [auth]}: failed-login throttling, password-hashing capacity and limits on connections that
 * have not logged in (docs/security.md explains the defaults).
 *
 * @param maxFailuresPerSource  failed logins a source may make before it is throttled
 * @param maxFailuresPerUser    failed password logins for a username before it is throttled for
 *                              sources it never logged in from
 * @param throttle              the first throttle period; doubles per further failure
 * @param maxThrottle           the longest throttle period
 * @param failureWindow         failures older than this (since the last one) are forgotten
 * @param refusalDelay          how long a refused login waits before its answer
 * @param hashingThreads        threads verifying passwords, at least 1
 * @param maxPendingSuspect     most queued password checks from sources with recent failures
 * @param maxUnauthenticatedPerSource most connections per source that have not logged in
 * @param maxUnauthenticated    most connections in total that have not logged in
 * @param loginTimeout          how long a connection may stay without logging in; zero = forever
 * @param verifiedPasswordTtl   how long a successful password verification is reused for further logins
 *                              with the same password; zero = never
 */
public record AuthConfig(int maxFailuresPerSource, int maxFailuresPerUser, Duration throttle, Duration maxThrottle,
                         Duration failureWindow, Duration refusalDelay, int hashingThreads, int maxPendingSuspect,
                         int maxUnauthenticatedPerSource, int maxUnauthenticated, Duration loginTimeout,
                         Duration verifiedPasswordTtl) {

    /** The shipped defaults, for in-process servers built without a config file. */
    public static final AuthConfig DEFAULTS = new AuthConfig(10, 5, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMillis(500), defaultHashingThreads(), 64, 1000, 10_000,
            Duration.ofSeconds(60), Duration.ofSeconds(60));

    /** @return half the cores, at least one: hashing must leave capacity for shards and event loops */
    static int defaultHashingThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
