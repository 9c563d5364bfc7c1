package org.iggyj.kernel.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.iggyj.kernel.config.AuthConfig;

/**
 * Decides whether a login attempt may be checked at all, from the recent failures of its source and
 * of its username (two {@link FailureCounter}s), and remembers which sources each user logged in from
 * successfully ("known sources").
 *
 * <p>Design note: a per-username throttle alone would let anyone lock a user out by guessing; a
 * per-source throttle alone is beaten by many sources. So a username under attack is throttled only
 * for sources it never logged in from, and a known source keeps that privilege until it fails for
 * that user. Personal-access-token logins have no username and count per source only.
 *
 * <p>Thread-safe; all state is in concurrent maps, kept bounded.
 */
public final class LoginThrottle {

    private static final int MAX_TRACKED_KEYS = 100_000;
    private static final int MAX_KNOWN_SOURCES = 100_000;
    private static final long KNOWN_SOURCE_TTL_NS = 7L * 24 * 3600 * 1_000_000_000L;

    /** Why an attempt is refused. */
    public enum Reason {
        /** Allowed. */
        NONE,
        /** The source made too many failed logins. */
        SOURCE,
        /** The username had too many failed logins, and this source is not one it is known from. */
        USER
    }

    /**
     * @param reason         NONE when allowed
     * @param retryAfterNs   how long the refusal lasts
     * @param priority       for an allowed attempt, the order of its password check: from a source
     *                       the user logged in from before, from a source without recent failures, or
     *                       from one that failed recently
     */
    public record Verdict(Reason reason, long retryAfterNs, LoginGate.Priority priority) {

        static final Verdict KNOWN = new Verdict(Reason.NONE, 0, LoginGate.Priority.KNOWN);
        static final Verdict CLEAN = new Verdict(Reason.NONE, 0, LoginGate.Priority.CLEAN);
        static final Verdict SUSPECT = new Verdict(Reason.NONE, 0, LoginGate.Priority.SUSPECT);

        /** @return whether the source failed recently (or is refused) */
        public boolean suspect() {
            return priority == LoginGate.Priority.SUSPECT;
        }

        /** @return whether the attempt may go on */
        public boolean allowed() {
            return reason == Reason.NONE;
        }
    }

    /**
     * What one failure changed.
     *
     * @param sourceFailures  recent failures of the source, this one included
     * @param sourceBlockedNs how long the source is now blocked (0 = not)
     * @param userBlockedNs   how long the username is now blocked for unknown sources (0 = not)
     */
    public record Failure(int sourceFailures, long sourceBlockedNs, long userBlockedNs) {
    }

    private final FailureCounter sources;
    private final FailureCounter users;
    private final ConcurrentHashMap<String, Long> knownSources = new ConcurrentHashMap<>();

    /**
     * @param config the {@code [auth]} settings
     */
    public LoginThrottle(AuthConfig config) {
        long base = config.throttle().toNanos();
        long max = config.maxThrottle().toNanos();
        long window = config.failureWindow().toNanos();
        this.sources = new FailureCounter(config.maxFailuresPerSource(), base, max, window, MAX_TRACKED_KEYS);
        this.users = new FailureCounter(config.maxFailuresPerUser(), base, max, window, MAX_TRACKED_KEYS);
    }

    /**
     * @param username the user the attempt is for, or null (token logins)
     * @param source   the attempt's {@link SourceKeys source key}
     * @param nowNs    {@link System#nanoTime()}
     * @return whether the attempt may be checked, and with what priority
     */
    public Verdict check(String username, String source, long nowNs) {
        boolean known = username != null && knownSources.containsKey(pair(username, source));
        if (known) {
            return Verdict.KNOWN;
        }
        long sourceBlocked = sources.blockedForNs(source, nowNs);
        if (sourceBlocked > 0) {
            return new Verdict(Reason.SOURCE, sourceBlocked, LoginGate.Priority.SUSPECT);
        }
        long userBlocked = username == null ? 0 : users.blockedForNs(username, nowNs);
        if (userBlocked > 0) {
            return new Verdict(Reason.USER, userBlocked, LoginGate.Priority.SUSPECT);
        }
        return sources.recentFailures(source, nowNs) > 0 ? Verdict.SUSPECT : Verdict.CLEAN;
    }

    /**
     * Counts a failed login (wrong password, unknown user or unknown token).
     *
     * @param username the user it was for, or null
     * @param source   its source key
     * @param nowNs    {@link System#nanoTime()}
     * @return what changed
     */
    public Failure onFailure(String username, String source, long nowNs) {
        FailureCounter.Entry s = sources.recordFailure(source, nowNs);
        long userBlocked = 0;
        if (username != null) {
            knownSources.remove(pair(username, source));
            userBlocked = Math.max(0, users.recordFailure(username, nowNs).blockedUntilNs() - nowNs);
        }
        return new Failure(s.failures(), Math.max(0, s.blockedUntilNs() - nowNs), userBlocked);
    }

    /**
     * Counts a refused attempt against the key that caused it, for rate-limited logging.
     *
     * @return refusals to report now, 0 when this one is not to be logged
     */
    public int onRefusal(Verdict verdict, String username, String source, long nowNs, long logEveryNs) {
        return verdict.reason() == Reason.USER ? users.recordRefusal(username, nowNs, logEveryNs)
                : sources.recordRefusal(source, nowNs, logEveryNs);
    }

    /**
     * A successful login: the username's failures are forgotten and the source becomes known for
     * it. The source's own failures stay (another user behind the same address may be guessing).
     */
    public void onSuccess(String username, String source, long nowNs) {
        if (username == null) {
            return;
        }
        users.reset(username);
        if (knownSources.size() >= MAX_KNOWN_SOURCES) {
            forgetOldKnownSources(nowNs);
        }
        if (knownSources.size() < MAX_KNOWN_SOURCES) {
            knownSources.put(pair(username, source), nowNs);
        }
    }

    /** @return sources throttled now */
    public int throttledSources(long nowNs) {
        return sources.blockedCount(nowNs);
    }

    /** Drops forgotten failures; called now and then so idle entries do not pile up. */
    public void sweep(long nowNs) {
        sources.sweep(nowNs);
        users.sweep(nowNs);
    }

    private void forgetOldKnownSources(long nowNs) {
        for (Iterator<Map.Entry<String, Long>> it = knownSources.entrySet().iterator(); it.hasNext(); ) {
            if (nowNs - it.next().getValue() > KNOWN_SOURCE_TTL_NS) {
                it.remove();
            }
        }
    }

    private static String pair(String username, String source) {
        return username + '\n' + source;
    }
}
