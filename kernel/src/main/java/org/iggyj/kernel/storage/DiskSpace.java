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

    private final Path path;
    private final long minFreeBytes;
    private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    private FileStore store;
    private volatile long freeBytes = Long.MAX_VALUE;
    private volatile boolean low;
    private volatile boolean full;
    private long freeWhenFull;
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
     * @return the account, measured once; {@link #start} adds the periodic check
     * @throws IOException when the file system cannot be queried
     */
    public static DiskSpace monitor(Path dataDir, long minFreeBytes) throws IOException {
        DiskSpace space = new DiskSpace(dataDir, Math.max(0, minFreeBytes));
        space.store = Files.getFileStore(dataDir);
        space.refresh();
        return space;
    }

    /**
     * Measures free space every {@code interval} on a daemon thread until {@link #close()}.
     *
     * @param interval the period, positive
     */
    public synchronized void start(Duration interval) {
        if (path == null || checker != null) {
            return;
        }
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
        if (path == null) {
            return noSpace;
        }
        long free = measure();
        // The message text is the C library's and may be localised; a file system with less free space
        // than the failed write needed is out of space whatever it said.
        noSpace = noSpace || (free >= 0 && free < bytes + minFreeBytes);
        if (noSpace) {
            markFull(free);
        }
        return noSpace;
    }

    private synchronized void markFull(long free) {
        budget.set(0);
        freeWhenFull = free;
        if (!full) {
            full = true;
            LOG.warn("The data directory {} is full ({} bytes free): sends are refused until space is freed; "
                + "polls and deletions keep working", path, free);
        }
    }

    /** Measures the free space and resets the budget from it; logs when crossing the threshold. */
    public synchronized void refresh() {
        if (path == null) {
            return;
        }
        long free = measure();
        if (free < 0) {
            return;
        }
        freeBytes = free;
        budget.set(free - minFreeBytes);
        boolean nowLow = free < minFreeBytes;
        if (nowLow && !low) {
            LOG.warn("Free space on {} is {} bytes, below system.storage.min_free_space ({} bytes): sends are "
                + "refused until space is freed; polls and deletions keep working", path, free, minFreeBytes);
        } else if (!nowLow && low) {
            LOG.info("Free space on {} is {} bytes again, at least system.storage.min_free_space ({} bytes): "
                + "sends are accepted", path, free, minFreeBytes);
        }
        low = nowLow;
        if (full && free > freeWhenFull) {
            full = false;
            LOG.info("Space was freed on {} ({} bytes free): sends are accepted again", path, free);
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

    /** @return whether sends are being refused for lack of space (below the threshold, or the disk filled) */
    public boolean isLow() {
        return low || full;
    }

    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
    }
}
