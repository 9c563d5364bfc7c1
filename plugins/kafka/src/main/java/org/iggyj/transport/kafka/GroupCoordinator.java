package org.iggyj.transport.kafka;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The classic consumer-group coordinator of this broker: groups by id, and a periodic sweep that
 * removes members whose session timed out (which starts a rebalance of their group). Membership is
 * in memory, as it is tied to live connections; committed offsets are not kept here but in Iggy
 * (see {@link OffsetApi}). Groups stay listed, empty, after their last member leaves, until more than
 * {@value #MAX_GROUPS} groups exist. Thread-safe.
 */
final class GroupCoordinator implements AutoCloseable {

    private static final long SWEEP_INTERVAL_MS = 500;
    /** Beyond this many groups, empty ones are forgotten so clients cannot grow the table without bound. */
    static final int MAX_GROUPS = 10_000;

    private final EventExecutor timer;
    private final ConcurrentHashMap<String, ConsumerGroup> groups = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweep;

    GroupCoordinator(EventExecutor timer) {
        this.timer = timer;
        this.sweep = timer.scheduleAtFixedRate(this::expireMembers, SWEEP_INTERVAL_MS, SWEEP_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
    }

    /** @return the group, created empty when new */
    ConsumerGroup group(String groupId) {
        if (groups.size() >= MAX_GROUPS && !groups.containsKey(groupId)) {
            groups.values().removeIf(g -> g.state() == ConsumerGroup.State.EMPTY);
        }
        return groups.computeIfAbsent(groupId, id -> new ConsumerGroup(id, timer));
    }

    /** @return the group, or null when unknown */
    ConsumerGroup find(String groupId) {
        return groups.get(groupId);
    }

    List<ConsumerGroup> all() {
        return new ArrayList<>(groups.values());
    }

    private void expireMembers() {
        long now = System.nanoTime();
        for (ConsumerGroup group : groups.values()) {
            group.expireMembers(now);
        }
    }

    @Override
    public void close() {
        sweep.cancel(false);
    }
}
