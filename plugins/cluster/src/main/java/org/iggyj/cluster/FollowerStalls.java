package org.iggyj.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spots, on the leader, a follower that answers but takes no entry: its match index stays below the
 * leader's log for longer than the bound while it keeps replying (to heartbeats).
 *
 * <p>Why (issue #10, CI run of the fifteenth session): a follower restarted from its snapshot never
 * completed its first append after the restart; Ratis 3.2.1's leader then timed the request out
 * without lowering the follower's next index, its heartbeats (answered out of order, so not held
 * behind the stuck append) kept succeeding, and no election came: the follower stayed behind for
 * good, silently. This makes that state visible in the leader's log; the cause is not yet known
 * (docs/cluster.md, "Failure behaviour").
 *
 * <p>Not thread-safe: one caller (the member view's timer).
 */
final class FollowerStalls {

    private final long boundNanos;
    private final Map<String, Watch> watched = new HashMap<>();

    /** @param boundNanos how long a responsive follower may match nothing new while behind */
    FollowerStalls(long boundNanos) {
        this.boundNanos = boundNanos;
    }

    /**
     * @param nowNanos    monotonic now
     * @param lastIndex   the leader's last log index
     * @param matched     each follower's match index
     * @param responsive  the followers that replied recently
     * @return the followers found stalled now (each reported once per stall)
     */
    List<Stall> observe(long nowNanos, long lastIndex, Map<String, Long> matched, Map<String, Boolean> responsive) {
        List<Stall> found = new ArrayList<>();
        watched.keySet().retainAll(matched.keySet());
        for (Map.Entry<String, Long> e : matched.entrySet()) {
            String follower = e.getKey();
            long match = e.getValue();
            if (match >= lastIndex || !responsive.getOrDefault(follower, false)) {
                watched.remove(follower);
                continue;
            }
            Watch w = watched.get(follower);
            if (w == null || w.match != match) {
                watched.put(follower, new Watch(match, nowNanos));
            } else if (!w.reported && nowNanos - w.sinceNanos >= boundNanos) {
                w.reported = true;
                found.add(new Stall(follower, match, lastIndex, (nowNanos - w.sinceNanos) / 1_000_000));
            }
        }
        return found;
    }

    /** Forgets every follower (this node no longer leads). */
    void clear() {
        watched.clear();
    }

    /**
     * @param follower   its id
     * @param match      the index it has matched since
     * @param leaderLast the leader's last log index
     * @param forMs      for how long
     */
    record Stall(String follower, long match, long leaderLast, long forMs) {
    }

    private static final class Watch {
        final long match;
        final long sinceNanos;
        boolean reported;

        Watch(long match, long sinceNanos) {
            this.match = match;
            this.sinceNanos = sinceNanos;
        }
    }
}
