package org.iggyj.kernel.partition;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.storage.PartitionLog;

/**
 * A partition written ahead of what it serves (docs/cluster.md, "Message bytes and the Raft log"): a
 * replicated log writes messages at log time, offsets fixed by its leader, and the partition serves them
 * only once they are committed. This is that contract: holding written messages back, writing and cutting
 * them at given offsets, publishing them, and what a snapshot of the served state links. A partition no
 * replicated log writes never holds anything back, and serves every message it appends.
 *
 * <p>Confined to the partition's owner thread; usable once the partition is open.
 */
public final class WriteAhead {

    /** stream/topic/partition, for messages. */
    private final String partition;
    private final BatchAppender appender;
    private final OffsetWaiters waiters;
    /** Run after each change of what is served: the partition publishes its statistics. */
    private final Runnable onPublished;
    private PartitionLog log;

    WriteAhead(String partition, BatchAppender appender, OffsetWaiters waiters, Runnable onPublished) {
        this.partition = partition;
        this.appender = appender;
        this.waiters = waiters;
        this.onPublished = onPublished;
    }

    void onOpened(PartitionLog openedLog) {
        this.log = openedLog;
    }

    /**
     * @return segment file name to its length up to the published end, or null when nothing is held
     *         back ({@link #holdBackUnpublished}); what a snapshot of the served state links.
     */
    public Map<String, Long> publishedFileLengths() {
        return log.readableFileLengths();
    }

    /**
     * Reads written messages whether published or not ({@link #publishUpTo}).
     *
     * @param startOffset the first offset
     * @param count       how many
     * @param alloc       allocator of the result, which the caller releases
     * @return the messages exactly as stored
     * @throws IllegalArgumentException when any of them is not in the partition
     */
    public ByteBuf readWritten(long startOffset, int count, ByteBufAllocator alloc) {
        try {
            return log.readWritten(startOffset, count, alloc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read partition " + partition, e);
        }
    }

    /**
     * Serves the written messages below {@code end} from now on, and only those (docs/cluster.md,
     * "Message bytes and the Raft log"): for an owner that writes messages before they are committed
     * and publishes them once they are. Wakes the long polls it satisfies.
     *
     * @param end the first offset not served; never below the previous one, at most
     *            {@link Partition#nextOffset()}
     * @throws IllegalArgumentException if {@code end} moves back or beyond the written messages
     */
    public void publishUpTo(long end) {
        log.setReadableEnd(end);
        onPublished.run();
        waiters.onAppended(log.readableNextOffset());
    }

    /**
     * From now on serves only what {@link #publishUpTo} publishes; what is written so far stays served.
     * For an owner that is about to write ahead of publication. Idempotent.
     */
    public void holdBackUnpublished() {
        if (log.readableEnd() == Long.MAX_VALUE) {
            log.setReadableEnd(log.nextOffset());
            onPublished.run();
        }
    }

    /**
     * As {@link #holdBackUnpublished}, but serving only the messages below {@code end}: for files kept
     * across a restart that hold a written tail beyond what was published (docs/cluster.md, "Message
     * bytes and the Raft log", point 8).
     *
     * @param end the published end, at most {@link Partition#nextOffset()}
     * @throws IllegalArgumentException if something is held back already at another end, or {@code end}
     *                                  is beyond the written messages
     */
    public void holdBackAt(long end) {
        if (log.readableEnd() != end) {
            log.setReadableEnd(end);
        }
        onPublished.run();
    }

    /**
     * Drops the written but unpublished messages from {@code offset} on ({@link #publishUpTo}); the next
     * append gets {@code offset} and is stamped no earlier than the last message kept.
     *
     * @param offset the first offset to drop, between the published end and
     *               {@link Partition#nextOffset()}
     * @throws IllegalArgumentException if {@code offset} is outside that range (or nothing is held back)
     * @throws UncheckedIOException     if the files cannot be cut (the partition is then read-only)
     */
    public void truncateUnpublished(long offset) {
        appender.cutFrom(offset);
    }

    /**
     * Writes a batch ahead of publication at a given base offset (docs/cluster.md, "Message bytes and the
     * Raft log": a replicated log writes at log time, offsets fixed by its leader). A written tail from
     * {@code baseOffset} on that was never published (a crash, or entries the log dropped) is cut first;
     * the batch is stamped like {@link Partition#append(ByteBuf, int, long, CompletableFuture)} but never
     * deduplicated (its offsets are already fixed) and not served until {@link #publishUpTo}. Durable
     * after {@link Partition#sync()}. Does not release {@code messages}.
     *
     * @param baseOffset the offset of the first message: the published end or beyond, at most
     *                   {@link Partition#nextOffset()}
     * @param messages   the messages area of a send request
     * @param count      number of messages in it
     * @param nowUs      the append time, µs since the epoch (raised to the last kept message's)
     * @param written    completed once written; exceptionally, with nothing written, on a storage
     *                   failure or a base offset outside that range
     */
    public void writeUnpublished(long baseOffset, ByteBuf messages, int count, long nowUs,
                                 CompletableFuture<Void> written) {
        appender.writeAt(baseOffset, messages, count, nowUs, written);
    }

    /**
     * @return the offset after the last one served ({@link #publishUpTo}): the next offset, or the
     *         published end when written messages are held back.
     */
    public long publishedEnd() {
        return log.readableNextOffset();
    }
}
