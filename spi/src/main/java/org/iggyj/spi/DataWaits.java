package org.iggyj.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.iggyj.protocol.wire.Identifier;

/**
 * Waiting for data (long poll): a transport asks to be told when a partition holds a message at a
 * given offset, instead of polling in a loop or parking a thread. Kafka's Fetch with
 * {@code fetch.max.wait.ms} is the model; any transport may use it.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #awaitData} never blocks. The returned stage completes with the partition's
 *       <em>end offset</em> (the offset its next message will get: 0 when empty, else the last offset
 *       plus one) as soon as the end offset is greater than {@code offset}, or when {@code timeout}
 *       has elapsed, whichever comes first. A timeout is not an error: the stage completes normally
 *       and the caller compares the value with its offset.</li>
 *   <li>The stage completes on a kernel thread (the partition's owner shard). Continue with an
 *       {@code *Async} method on the transport's own executor: work done in a plain continuation
 *       runs on the shard and delays every partition it owns.</li>
 *   <li>It completes exceptionally with an {@link org.iggyj.protocol.IggyException} carrying the
 *       Iggy error code when the session is not authenticated (40), may not poll the topic (41) or
 *       the stream, topic or partition does not exist (1009, 2010, 3007).</li>
 *   <li>Cancelling: the caller may complete or cancel the stage itself (its connection closed, or
 *       it stopped waiting because another partition answered). The kernel then forgets the wait by
 *       its timeout at the latest; it never holds more than a bounded number of waits per partition
 *       and answers at once, with the current end offset, beyond that bound.</li>
 * </ul>
 *
 * <p>Safe to call from any thread.
 */
public interface DataWaits {

    /**
     * A stand-in for kernels without the primitive: every wait simply lasts its whole timeout and
     * completes with -1 ("unknown"), so a caller re-reads, as after a timeout.
     */
    DataWaits TIMEOUT_ONLY = (session, streamId, topicId, partitionId, offset, timeout) ->
            CompletableFuture.supplyAsync(() -> -1L,
                    CompletableFuture.delayedExecutor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS));

    /**
     * Waits until partition {@code partitionId} of the topic holds a message at {@code offset}.
     *
     * @param session     the calling connection's session; it needs the poll permission on the topic
     * @param streamId    the stream, by number or name
     * @param topicId     the topic, by number or name
     * @param partitionId the partition, 0-based
     * @param offset      the offset wanted: the wait ends once the end offset is greater than it
     * @param timeout     the longest wait; zero or negative answers at once
     * @return the partition's end offset when the wait ended
     */
    CompletionStage<Long> awaitData(Session session, Identifier streamId, Identifier topicId, long partitionId,
                                    long offset, Duration timeout);
}
