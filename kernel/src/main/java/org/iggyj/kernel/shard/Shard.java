package org.iggyj.kernel.shard;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard thread and its task queue. Tasks run one at a time in submission order, which is what
 * lets a partition's owner batch fsyncs: a sync task queued behind a run of appends covers all of
 * them (see {@link org.iggyj.kernel.partition.Partition}).
 *
 * <p>Thread-safe to submit to from any thread. A task that throws never kills the thread: the
 * failure is logged and counted, and the caller's future completes exceptionally.
 */
public final class Shard implements Executor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Shard.class);

    private final int id;
    private final EventExecutor executor;
    private final AtomicLong failedTasks = new AtomicLong();

    Shard(int id) {
        this.id = id;
        this.executor = new DefaultEventExecutor(new DefaultThreadFactory("iggy-shard-" + id, false));
    }

    /**
     * @return the shard number, 0-based
     */
    public int id() {
        return id;
    }

    /**
     * @return whether the calling thread is this shard's thread
     */
    public boolean inShard() {
        return executor.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failedTasks.incrementAndGet();
                LOG.error("Task failed on shard {}", id, t);
            }
        });
    }

    /**
     * Runs {@code work} on this shard and completes the returned future with its result.
     *
     * @param work the work; may throw, which completes the future exceptionally
     * @param <T>  the result type
     * @return the future result
     */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /**
     * Runs {@code task} on this shard after {@code delay}; a task that throws is logged and counted like
     * {@link #execute}. Cancelling the returned future removes the task from the shard's timer queue.
     *
     * @param task  the task
     * @param delay how long to wait
     * @param unit  the delay's unit
     * @return the scheduled task, cancellable from any thread
     */
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return executor.schedule(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failedTasks.incrementAndGet();
                LOG.error("Scheduled task failed on shard {}", id, t);
            }
        }, delay, unit);
    }

    /**
     * @return tasks that threw since start
     */
    public long failedTasks() {
        return failedTasks.get();
    }

    @Override
    public void close() {
        executor.shutdownGracefully(0, 10, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
