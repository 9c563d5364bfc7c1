package org.iggyj.kernel.retention;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.StreamMeta;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.storage.SealedSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code data_maintenance.messages} cleaner (server-semantics §3.9). Each run, per topic: first
 * message expiry (every partition drops its sealed segments whose last message is older than the
 * topic's expiry), then the size cap (while the topic holds at least 90% of its max size, the oldest
 * deletable sealed segment among its partitions, by first timestamp, is deleted, one at a time).
 * The active segment is never deleted and the consumer barrier applies ({@link Partition}).
 *
 * <p>Threading: {@link #runOnce()} runs on the caller's thread (the scheduler's, or a test's) and
 * blocks on tasks it hands to the owner shards, so it must never run on a shard thread. A partition
 * deleted concurrently just fails its task, which is logged and skipped until the next run.
 */
public final class MessageCleaner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageCleaner.class);
    /** u64::MAX: never expire / no size cap. */
    private static final long UNLIMITED = -1L;
    private static final long SIZE_THRESHOLD_PERCENT = 90;

    private final Supplier<Metadata> metadata;
    private final MicrosClock clock;
    private ScheduledExecutorService scheduler;

    /**
     * @param metadata the current metadata snapshot
     * @param clock    "now" for expiry
     */
    public MessageCleaner(Supplier<Metadata> metadata, MicrosClock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    /**
     * Runs the cleaner every {@code interval} on its own daemon thread until {@link #close()}.
     *
     * @param interval the period, positive
     */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("cleaner already started");
        }
        long periodMs = Math.max(1, interval.toMillis());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iggy-message-cleaner");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runQuietly, periodMs, periodMs, TimeUnit.MILLISECONDS);
        LOG.info("Message cleaner runs every {}", interval);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (CancellationException e) {
            LOG.debug("Message cleaner run interrupted");
        } catch (RuntimeException e) {
            LOG.error("Message cleaner run failed", e);
        }
    }

    /**
     * One pass over every topic. Blocking; not on a shard thread.
     *
     * @return how many segments were deleted
     */
    public int runOnce() {
        long now = clock.nowUs();
        int deleted = 0;
        for (StreamMeta stream : metadata.get().streams().values()) {
            for (TopicMeta topic : stream.topics().values()) {
                try {
                    deleted += expire(topic, now);
                    deleted += capSize(topic);
                } catch (PartitionTaskException e) {
                    LOG.warn("Message cleaner skipped topic {}/{}: {}", stream.id(), topic.id(), e.getMessage());
                }
            }
        }
        if (deleted > 0) {
            LOG.info("Message cleaner deleted {} segment(s)", deleted);
        }
        return deleted;
    }

    private int expire(TopicMeta topic, long now) {
        long expiry = topic.messageExpiryUs();
        // Topics store the server default resolved; 0 ("server default") is treated like "never", never as
        // "expire at once", so an unresolved value cannot wipe a topic.
        if (expiry == UNLIMITED || expiry == 0) {
            return 0;
        }
        int deleted = 0;
        for (Partition partition : topic.partitions()) {
            deleted += onOwner(partition, () -> partition.retention().deleteExpired(now, expiry));
        }
        return deleted;
    }

    private int capSize(TopicMeta topic) {
        long max = topic.maxTopicSizeBytes();
        // As for expiry: 0 would mean a threshold of 0 bytes (0.8's replay defect), so it means "no cap" here.
        if (max == UNLIMITED || max == 0) {
            return 0;
        }
        long threshold = max / 100 * SIZE_THRESHOLD_PERCENT + max % 100 * SIZE_THRESHOLD_PERCENT / 100;
        int deleted = 0;
        while (topic.sizeBytes() >= threshold) {
            Partition oldest = null;
            long oldestTimestamp = Long.MAX_VALUE;
            for (Partition partition : topic.partitions()) {
                SealedSegment candidate = onOwner(partition, partition.retention()::deletableOldest);
                if (candidate != null && candidate.firstTimestampUs() < oldestTimestamp) {
                    oldest = partition;
                    oldestTimestamp = candidate.firstTimestampUs();
                }
            }
            if (oldest == null) {
                return deleted;
            }
            Partition chosen = oldest;
            if (!onOwner(chosen, chosen.retention()::deleteOldest)) {
                return deleted;
            }
            deleted++;
        }
        return deleted;
    }

    private static <T> T onOwner(Partition partition, Supplier<T> work) {
        CompletableFuture<T> result;
        try {
            result = partition.owner().submit(work);
        } catch (RuntimeException e) {
            throw new PartitionTaskException(e);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw new PartitionTaskException(e.getCause());
        }
    }

    /** Stops the schedule and waits (bounded) for a running pass to end. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Message cleaner did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    /** A partition task failed (typically: the partition was deleted meanwhile). */
    private static final class PartitionTaskException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PartitionTaskException(Throwable cause) {
            super(String.valueOf(cause), cause);
        }
    }
}
