package org.iggyj.kernel.partition;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.shard.Shard;

/**
 * The long-poll waits of one partition ({@link org.iggyj.spi.DataWaits}): futures completed with the
 * partition's end offset once it passes the offset each one waits for, or at its timeout.
 *
 * <p>Design note: the partition tells its waiters about every append ({@link #onAppended}); with no
 * waiter, or none that the new end offset satisfies, that costs one comparison and allocates nothing,
 * so the append path stays as it was. A wait's timeout is a task on the owner shard's timer, cancelled
 * when data arrives first. A future that its caller completed or cancelled is dropped at the next
 * append that reaches it or at its timeout, and at most {@link #MAX_WAITERS} waits are held: beyond
 * that a wait is answered at once with the current end offset (the caller then reads, finds nothing
 * new and asks again), so memory stays bounded whatever clients do.
 *
 * <p>Confined to the owner shard's thread.
 */
public final class OffsetWaiters {

    /** Most waits held per partition. */
    public static final int MAX_WAITERS = 4096;

    private final Shard owner;
    private final ArrayList<Waiter> waiters = new ArrayList<>();
    private long endOffset;
    private long lowestWanted = Long.MAX_VALUE;

    /**
     * @param owner the shard that owns the partition; timeouts run on it
     */
    public OffsetWaiters(Shard owner) {
        this.owner = owner;
    }

    /**
     * Registers a wait, or answers at once when the data is already there, the timeout is not positive,
     * the caller already gave up or the bound is reached.
     *
     * @param offset        the offset wanted
     * @param endOffsetNow  the partition's end offset now (0 when empty, else last offset + 1)
     * @param timeoutMs     the longest wait
     * @param result        completed with the end offset when the wait ends
     */
    public void await(long offset, long endOffsetNow, long timeoutMs, CompletableFuture<Long> result) {
        endOffset = endOffsetNow;
        if (endOffsetNow > offset || timeoutMs <= 0 || result.isDone()) {
            result.complete(endOffsetNow);
            return;
        }
        if (waiters.size() >= MAX_WAITERS && dropAbandoned() == 0) {
            result.complete(endOffsetNow);
            return;
        }
        Waiter waiter = new Waiter(offset, result);
        waiter.timer = owner.schedule(() -> expire(waiter), timeoutMs, TimeUnit.MILLISECONDS);
        waiters.add(waiter);
        lowestWanted = Math.min(lowestWanted, offset);
    }

    /**
     * Completes every wait the new end offset satisfies. Called by the partition after each append.
     *
     * @param newEndOffset the end offset after the append
     */
    public void onAppended(long newEndOffset) {
        endOffset = newEndOffset;
        if (newEndOffset <= lowestWanted) {
            return;
        }
        long lowest = Long.MAX_VALUE;
        for (int i = waiters.size() - 1; i >= 0; i--) {
            Waiter waiter = waiters.get(i);
            if (waiter.result.isDone() || newEndOffset > waiter.offset) {
                removeAt(i);
                waiter.timer.cancel(false);
                waiter.result.complete(newEndOffset);
            } else {
                lowest = Math.min(lowest, waiter.offset);
            }
        }
        lowestWanted = lowest;
    }

    /**
     * Ends every wait with the last known end offset; for a partition being closed or deleted. The
     * callers then read and get the partition's fate (not found) from the read.
     */
    public void releaseAll() {
        for (Waiter waiter : waiters) {
            waiter.timer.cancel(false);
            waiter.result.complete(endOffset);
        }
        waiters.clear();
        lowestWanted = Long.MAX_VALUE;
    }

    /** @return the waits held now */
    public int size() {
        return waiters.size();
    }

    private void expire(Waiter waiter) {
        int index = waiters.indexOf(waiter);
        if (index >= 0) {
            removeAt(index);
        }
        waiter.result.complete(endOffset);
    }

    private int dropAbandoned() {
        int dropped = 0;
        for (int i = waiters.size() - 1; i >= 0; i--) {
            Waiter waiter = waiters.get(i);
            if (waiter.result.isDone()) {
                removeAt(i);
                waiter.timer.cancel(false);
                dropped++;
            }
        }
        return dropped;
    }

    /** Swap-remove: order does not matter, and it keeps removal O(1). */
    private void removeAt(int index) {
        int last = waiters.size() - 1;
        if (index != last) {
            waiters.set(index, waiters.get(last));
        }
        waiters.remove(last);
    }

    /** One wait; identity matters (a timeout removes exactly its own). */
    private static final class Waiter {
        final long offset;
        final CompletableFuture<Long> result;
        ScheduledFuture<?> timer;

        Waiter(long offset, CompletableFuture<Long> result) {
            this.offset = offset;
            this.result = result;
        }
    }
}
