package org.iggyj.kernel.auth;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The small pool that verifies passwords, apart from shard and event-loop threads, so Argon2 (tens
 * of milliseconds a check) never stalls the data path and its concurrency is bounded.
 *
 * <p>Design note: a FIFO queue let 32 guessing connections put 32 checks ahead of every legitimate
 * login (seconds of waiting). Here a check from a source without recent failures goes ahead of every
 * "suspect" one (first come, first served within each class), so a legitimate login waits at most
 * for the checks already running. Suspect checks are bounded; past the bound they are refused
 * before any hashing.
 *
 * <p>Thread-safe. Work runs on the pool's threads; the futures complete there.
 */
public final class LoginGate implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger pendingSuspect = new AtomicInteger();
    private final int maxPendingSuspect;

    /**
     * @param threads           hashing threads, at least 1
     * @param maxPendingSuspect most suspect checks waiting at once
     */
    public LoginGate(int threads, int maxPendingSuspect) {
        this.maxPendingSuspect = maxPendingSuspect;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new PriorityBlockingQueue<>(), new DefaultThreadFactory("iggy-login", true));
    }

    /**
     * @param suspect whether the attempt's source failed recently
     * @param work    the check (it may throw; the future then completes exceptionally)
     * @return the check's result, or null when refused because too many suspect checks wait
     */
    public <T> CompletableFuture<T> submit(boolean suspect, Supplier<T> work) {
        if (suspect && pendingSuspect.incrementAndGet() > maxPendingSuspect) {
            pendingSuspect.decrementAndGet();
            return null;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.execute(new Task(suspect, sequence.incrementAndGet(), () -> {
            if (suspect) {
                pendingSuspect.decrementAndGet();
            }
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }));
        return result;
    }

    /** @return checks waiting for a thread */
    public int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private record Task(boolean suspect, long seq, Runnable body) implements Runnable, Comparable<Task> {

        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Task other) {
            if (suspect != other.suspect) {
                return suspect ? 1 : -1;
            }
            return Long.compare(seq, other.seq);
        }
    }
}
