package org.iggyj.kernel.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.spi.Reply;

/**
 * The requests this node submitted whose clients wait for this node's own apply of their entry.
 *
 * <p>A wait is bounded: an entry can commit on the other nodes while this one never applies it (it
 * lags, or it installs a snapshot that already holds it), and then nothing else would ever answer
 * its client. {@link #expireOverdue} fails every wait older than the bound with
 * {@link ErrorCode#TASK_TIMEOUT} (0.8's code for a server-side task that timed out) and drops it, so
 * a late apply finds nobody and its reply is released, never sent twice.
 *
 * <p>Thread-safe: waits are added on event loops, completed on the applier or a shard, expired on a
 * timer thread.
 */
final class PendingApplies {

    /** No bound: the default until {@link #bound} is called (tests that drive applies by hand). */
    static final long UNBOUNDED = Long.MAX_VALUE;

    private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private volatile long boundNanos = UNBOUNDED;

    /** @param nanoClock monotonic nanoseconds ({@code System::nanoTime}) */
    PendingApplies(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** @param nanos how long a request may wait for its apply from its submission on */
    void bound(long nanos) {
        this.boundNanos = nanos;
    }

    long boundNanos() {
        return boundNanos;
    }

    /**
     * @param seq the request's sequence, about to be submitted
     * @return completes with this node's apply of it, or fails when it is not committed or not applied in time
     */
    CompletableFuture<Reply> add(long seq) {
        Waiting reply = new Waiting(nanoClock.getAsLong());
        waiting.put(seq, reply);
        return reply;
    }

    /** @return the wait of that request, now no longer pending; null when none (answered or expired) */
    CompletableFuture<Reply> remove(long seq) {
        return waiting.remove(seq);
    }

    /** @return how many requests wait */
    int size() {
        return waiting.size();
    }

    /**
     * Fails and drops every wait older than the bound.
     *
     * @return how many expired
     */
    int expireOverdue() {
        long bound = boundNanos;
        if (bound == UNBOUNDED || waiting.isEmpty()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        int expired = 0;
        for (Map.Entry<Long, Waiting> e : waiting.entrySet()) {
            Waiting w = e.getValue();
            if (now - w.submittedNanos >= bound && waiting.remove(e.getKey(), w)) {
                w.completeExceptionally(new IggyException(ErrorCode.TASK_TIMEOUT, "the write was not applied on"
                        + " this node within the cluster's request timeout (" + bound / 1_000_000 + " ms); it may"
                        + " still be committed and applied later"));
                expired++;
            }
        }
        return expired;
    }

    /** Fails and drops every wait (shutdown). */
    void failAll(IggyException failure) {
        for (Long seq : waiting.keySet()) {
            Waiting w = waiting.remove(seq);
            if (w != null) {
                w.completeExceptionally(failure);
            }
        }
    }

    /** A client's wait, with the time its request was submitted (one object per request, no timer task). */
    private static final class Waiting extends CompletableFuture<Reply> {
        final long submittedNanos;

        Waiting(long submittedNanos) {
            this.submittedNanos = submittedNanos;
        }
    }
}
