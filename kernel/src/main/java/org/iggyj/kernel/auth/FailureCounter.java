package org.iggyj.kernel.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent failed logins per key (a source or a username) and the throttle they earned: after
 * {@code freeFailures} failures, every further one blocks the key for {@code baseNs}, doubled per
 * extra failure, capped at {@code maxNs}. Failures are forgotten {@code windowNs} after the last one.
 * Refused attempts do not count: a throttle always ends when its period is over.
 *
 * <p>Bounded: past {@code maxKeys} entries, forgotten ones are swept, and if that is not enough a new
 * key is not tracked (a flood of distinct keys must not exhaust the heap; the other dimension still
 * throttles it). Thread-safe; each entry is updated atomically under its map bin.
 */
final class FailureCounter {

    /** A key's state; immutable, replaced on every change. */
    record Entry(int failures, long lastFailureNs, long blockedUntilNs, long lastRefusalLogNs, int refusedSinceLog) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int freeFailures;
    private final long baseNs;
    private final long maxNs;
    private final long windowNs;
    private final int maxKeys;

    FailureCounter(int freeFailures, long baseNs, long maxNs, long windowNs, int maxKeys) {
        this.freeFailures = freeFailures;
        this.baseNs = baseNs;
        this.maxNs = maxNs;
        this.windowNs = windowNs;
        this.maxKeys = maxKeys;
    }

    /**
     * @return how long the key stays blocked from {@code nowNs}, 0 when it is not
     */
    long blockedForNs(String key, long nowNs) {
        Entry e = entries.get(key);
        return e == null ? 0 : Math.max(0, e.blockedUntilNs() - nowNs);
    }

    /**
     * @return the number of recent failures of the key (0 when forgotten)
     */
    int recentFailures(String key, long nowNs) {
        Entry e = entries.get(key);
        return e == null || nowNs - e.lastFailureNs() > windowNs ? 0 : e.failures();
    }

    /**
     * Counts one failure.
     *
     * @return the key's new state; {@link Entry#blockedUntilNs()} after {@code nowNs} when it is now blocked
     */
    Entry recordFailure(String key, long nowNs) {
        if (entries.size() >= maxKeys && !entries.containsKey(key)) {
            sweep(nowNs);
            if (entries.size() >= maxKeys) {
                return new Entry(1, nowNs, nowNs, 0, 0);
            }
        }
        return entries.compute(key, (k, old) -> {
            int failures = old == null || nowNs - old.lastFailureNs() > windowNs ? 1 : old.failures() + 1;
            long blockedUntil = failures > freeFailures ? nowNs + periodNs(failures - freeFailures) : nowNs;
            return old == null ? new Entry(failures, nowNs, blockedUntil, 0, 0)
                    : new Entry(failures, nowNs, blockedUntil, old.lastRefusalLogNs(), old.refusedSinceLog());
        });
    }

    /**
     * Counts one refused attempt and decides whether to log it: at most once per {@code logEveryNs} per key.
     *
     * @return the number of refusals since the key was last logged, or 0 when this one is not to be logged
     */
    int recordRefusal(String key, long nowNs, long logEveryNs) {
        int[] toLog = new int[1];
        entries.computeIfPresent(key, (k, e) -> {
            int refused = e.refusedSinceLog() + 1;
            if (e.lastRefusalLogNs() == 0 || nowNs - e.lastRefusalLogNs() >= logEveryNs) {
                toLog[0] = refused;
                return new Entry(e.failures(), e.lastFailureNs(), e.blockedUntilNs(), nowNs, 0);
            }
            return new Entry(e.failures(), e.lastFailureNs(), e.blockedUntilNs(), e.lastRefusalLogNs(), refused);
        });
        return toLog[0];
    }

    /** Forgets the key's failures (after a successful login). */
    void reset(String key) {
        entries.remove(key);
    }

    /** @return the number of keys blocked at {@code nowNs} */
    int blockedCount(long nowNs) {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.blockedUntilNs() - nowNs > 0) {
                n++;
            }
        }
        return n;
    }

    /** @return tracked keys */
    int size() {
        return entries.size();
    }

    /** Drops entries that are neither blocked nor within the failure window. */
    void sweep(long nowNs) {
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Entry e = it.next().getValue();
            if (e.blockedUntilNs() - nowNs <= 0 && nowNs - e.lastFailureNs() > windowNs) {
                it.remove();
            }
        }
    }

    /** {@code base × 2^(n-1)}, capped, without overflowing. */
    private long periodNs(int overLimit) {
        int shift = Math.min(overLimit - 1, 40);
        long period = baseNs << shift;
        return period <= 0 || period > maxNs || (baseNs > 0 && (period >> shift) != baseNs) ? maxNs : period;
    }
}
