package org.iggyj.distribution;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;

/**
 * Sends numbered one-message batches ({@code n-<base + seq>}) to stream 0, topic 0, partition 0 on
 * its own thread, and records which sends were acknowledged and which failed.
 */
final class NumberWriter implements AutoCloseable {

    private final IggyTcpClient client;
    private final long base;
    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong markNs = new AtomicLong();
    private final AtomicLong firstAckAfterMarkNs = new AtomicLong();
    private final AtomicInteger acksAfterMark = new AtomicInteger();
    /** Written by the writer's thread only; read after the mark's window. */
    private volatile long lastAckNs;
    private volatile long longestGapNs;
    private final CompletableFuture<Void> running;

    NumberWriter(IggyTcpClient client, long base) {
        this.client = client;
        this.base = base;
        this.running = CompletableFuture.runAsync(this::run);
    }

    private void run() {
        for (long n = base; !stop.get(); n++) {
            try {
                long started = System.nanoTime();
                client.messages().sendMessages(StreamId.of(0L), TopicId.of(0L), Partitioning.partitionId(0L),
                        List.of(Message.of("n-" + n)));
                acked.add(n);
                long now = System.nanoTime();
                long mark = markNs.get();
                if (mark != 0) {
                    long gap = now - (lastAckNs - mark > 0 ? lastAckNs : mark);
                    if (gap > longestGapNs) {
                        longestGapNs = gap;
                    }
                }
                lastAckNs = now;
                // A send already committed when the fault struck says nothing about failover: count
                // only sends that started after it.
                if (mark != 0 && started - mark >= 0 && acksAfterMark.incrementAndGet() == 1) {
                    firstAckAfterMarkNs.set(now);
                }
            } catch (RuntimeException e) {
                failed.add(n);
            }
        }
    }

    /** Starts counting acknowledgements from now (the fault). */
    void mark() {
        markNs.set(System.nanoTime());
    }

    int acksAfterMark() {
        return acksAfterMark.get();
    }

    /** @return milliseconds from {@link #mark} to the first acknowledgement of a send started after it */
    long msToFirstAckAfterMark() {
        return TimeUnit.NANOSECONDS.toMillis(firstAckAfterMarkNs.get() - markNs.get());
    }

    /**
     * @return the longest time, in milliseconds, the writer went without an acknowledgement since
     *         {@link #mark} (from the mark or from the acknowledgement before), counted up to the last one
     */
    long longestGapAfterMarkMs() {
        return TimeUnit.NANOSECONDS.toMillis(longestGapNs);
    }

    Set<Long> acked() {
        return acked;
    }

    Set<Long> failed() {
        return failed;
    }

    long base() {
        return base;
    }

    /** Stops after the send in flight (which may wait for a frozen node to come back). */
    @Override
    public void close() throws Exception {
        stop.set(true);
        running.get(120, TimeUnit.SECONDS);
        CompletableFuture.runAsync(client::close);
    }
}
