package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free-space account of the data directory's file system, shared by every partition.
 *
 * <p>Design note: appends are admitted against a byte budget, {@code free - min_free_space} as last
 * measured, which each admitted batch draws down with one atomic add (per batch, never per message).
 * The budget is measured again every check interval, right after anything frees space (segment
 * deletion, purge, topic or stream deletion) and after a write failed, so sends are refused before
 * the disk is full and resume by themselves once space returns, without a restart. Other writers
 * (metadata, consumer offsets, logs, other processes) are seen at the next measurement; a write that
 * still meets a full disk fails and is rolled back ({@link PartitionLog#append}).
 *
 * <p>Thread-safe: {@link #tryReserve} runs on shard threads, {@link #refresh} on the checker thread and
 * on whichever thread freed space, the getters on metrics scrapers.
 */
public final class DiskSpace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);
    /**
     * Hysteresis of the low-space state (warning and gauge): it ends once this much more than the
     * threshold is free, so a sender retrying at the edge does not flip it every measurement.
     */
    static final long LOW_SPACE_CLEAR_MARGIN_BYTES = 1L << 20;
    /** Shortest time between two measurements made because a send found the budget empty. */
    private static final long REMEASURE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Path path;
    private final long minFreeBytes;
    private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    private volatile FileStore store;
    private volatile long freeBytes = Long.MAX_VALUE;
    private volatile boolean low;
    private long lastRemeasureNanos = System.nanoTime() - REMEASURE_NANOS;
    private ScheduledExecutorService checker;

    private DiskSpace(Path path, long minFreeBytes) {
        this.path = path;
        this.minFreeBytes = minFreeBytes;
    }

    /** An account that admits everything and measures nothing (storage used without a server). */
    public static DiskSpace unmonitored() {
        return new DiskSpace(null, 0);
    }

    /**
     * @param dataDir      a directory on the file system to watch (the data directory)
     * @param minFreeBytes sends are refused while less than this is free ({@code system.storage.min_free_space})
     * @return the account; it admits everything until {@link #start} measures the file system
     */
    public static DiskSpace monitor(Path dataDir, long minFreeBytes) {
        return new DiskSpace(dataDir, Math.max(0, minFreeBytes));
    }

    /**
     * Measures the file system now, then every {@code interval} on a daemon thread until {@link #close()}.
     *
     * @param interval the period, positive
     * @throws IOException when the directory's file system cannot be found
     */
    public synchronized void start(Duration interval) throws IOException {
        if (path == null || checker != null) {
            return;
        }
        store = Files.getFileStore(path);
        refresh();
        long periodMs = Math.max(1, interval.toMillis());
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iggy-disk-space");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::refresh, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes {@code bytes} from the budget if it holds that much. Owner shard of the appending partition.
     *
     * @param bytes what the append will write (messages and index entries)
     * @return whether the append may go ahead; false means refuse it without touching the disk
     */
    public boolean tryReserve(long bytes) {
        if (path == null) {
            return true;
        }
        if (budget.addAndGet(-bytes) >= 0) {
            return true;
        }
        budget.addAndGet(bytes);
        return reserveAfterMeasuring(bytes);
    }

    /**
     * The budget says no: measure again (at most every {@link #REMEASURE_NANOS}) before refusing, so
     * space freed by anyone is used at the next send rather than at the next periodic check.
     */
    private synchronized boolean reserveAfterMeasuring(long bytes) {
        long now = System.nanoTime();
        if (now - lastRemeasureNanos >= REMEASURE_NANOS) {
            lastRemeasureNanos = now;
            refresh();
            if (budget.addAndGet(-bytes) >= 0) {
                return true;
            }
            budget.addAndGet(bytes);
        }
        if (!low) {
            markLow(freeBytes, false);
        }
        return false;
    }

    /** Something freed space (segments deleted, partition purged or deleted): measure again now. */
    public void onSpaceFreed() {
        refresh();
    }

    /**
     * A write failed: tells whether the file system ran out of space (ENOSPC or a quota) rather than
     * failing otherwise (EIO and the like). Out of space, the budget is emptied until the next measurement.
     *
     * @param failure the write's exception
     * @param bytes   what the write needed
     * @return whether the failure is a lack of space
     */
    public boolean onWriteFailed(IOException failure, long bytes) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        boolean noSpace = message.contains("no space left") || message.contains("quota");
        if (store == null) {
            return noSpace;
        }
        long free = measure();
        // The message text is the C library's and may be localised; a file system with less free space
        // than the failed write needed is out of space whatever it said.
        noSpace = noSpace || (free >= 0 && free < bytes + minFreeBytes);
        if (noSpace) {
            markLow(free, true);
        }
        return noSpace;
    }

    private synchronized void markLow(long free, boolean full) {
        if (full) {
            budget.set(0);
        }
        if (low) {
            return;
        }
        low = true;
        if (full) {
            LOG.warn("The data directory {} is full ({} bytes free): sends are refused until space is freed; "
                + "polls and deletions keep working", path, free);
        } else {
            LOG.warn("Free space on {} is down to {} bytes, at system.storage.min_free_space ({} bytes): sends are "
                + "refused until space is freed; polls and deletions keep working", path, free, minFreeBytes);
        }
    }

    /** Measures the free space and resets the budget from it; logs when the low-space state changes. */
    public synchronized void refresh() {
        if (store == null) {
            return;
        }
        long free = measure();
        if (free < 0) {
            return;
        }
        freeBytes = free;
        budget.set(free - minFreeBytes);
        if (free < minFreeBytes) {
            markLow(free, false);
        } else if (low && free - minFreeBytes >= LOW_SPACE_CLEAR_MARGIN_BYTES) {
            low = false;
            LOG.info("Free space on {} is {} bytes again, above system.storage.min_free_space ({} bytes): sends "
                + "are accepted", path, free, minFreeBytes);
        }
    }

    private long measure() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            LOG.warn("Cannot measure the free space of {}", path, e);
            return -1;
        }
    }

    /** @return free bytes at the last measurement ({@code Long.MAX_VALUE} when unmonitored); any thread */
    public long freeBytes() {
        return freeBytes;
    }

    /** @return the threshold below which sends are refused; any thread */
    public long minFreeBytes() {
        return minFreeBytes;
    }

    /**
     * @return whether free space is low: a send was refused for lack of space (at the threshold, or the
     *         disk filled) and not yet {@link #LOW_SPACE_CLEAR_MARGIN_BYTES} above the threshold is free
     */
    public boolean isLow() {
        return low;
    }

    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
    }
}
