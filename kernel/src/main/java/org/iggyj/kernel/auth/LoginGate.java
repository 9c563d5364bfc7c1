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
 * login (seconds of waiting). Here checks run by {@link Priority}: a user logging in from a source it
 * logged in from before goes first, then sources without recent failures, then "suspect" ones (first
 * come, first served within each), so a returning user waits at most for the checks already running.
 * Suspect checks are bounded; past the bound they are refused before any hashing.
 *
 * <p>Thread-safe. Work runs on the pool's threads; the futures complete there.
 */
public final class LoginGate implements AutoCloseable {

    /** The order password checks run in; within one priority, first come first served. */
    public enum Priority {
        /** The user logged in from this source before (and it has not failed for the user since). */
        KNOWN,
        /** The source has no recent failures. */
        CLEAN,
        /** The source failed recently; bounded by {@code max_pending_suspect_logins}. */
        SUSPECT
    }

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
     * @param priority the attempt's priority
     * @param work     the check (it may throw; the future then completes exceptionally)
     * @return the check's result, or null when refused because too many suspect checks wait
     */
    public <T> CompletableFuture<T> submit(Priority priority, Supplier<T> work) {
        boolean suspect = priority == Priority.SUSPECT;
        if (suspect && pendingSuspect.incrementAndGet() > maxPendingSuspect) {
            pendingSuspect.decrementAndGet();
            return null;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.execute(new Task(priority, sequence.incrementAndGet(), () -> {
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

    private record Task(Priority priority, long seq, Runnable body) implements Runnable, Comparable<Task> {

        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Task other) {
            if (priority != other.priority) {
                return priority.compareTo(other.priority);
            }
            return Long.compare(seq, other.seq);
        }
    }
}
