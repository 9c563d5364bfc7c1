package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.iggyj.spi.cluster.Replicator;

/**
 * Group commit of sends ({@code replication.message_bytes = "segments"}): while fewer than
 * {@link #MAX_OUTSTANDING} send entries of this node are outstanding, a send goes at once as its own
 * {@link SendEntry} (with the opt-in {@link #BALANCED} policy, once the sends waiting are a fair share of
 * those in flight here, {@link #share}); sends that arrive while that many are outstanding (from any
 * connection, for any partition) wait, and are submitted together when an outstanding entry completes,
 * or as soon as they would pass {@code replication.max_coalesced_bytes}. A Raft entry costs the three
 * nodes about as much CPU for its transaction, log write, apply hand-offs and reply as for a MiB of its
 * bytes (docs/cluster.md, "Ninth round"): fewer entries per GiB is what lowers it, and a send never waits
 * while nothing is in flight.
 *
 * <p>Design note: entries are submitted under the lock, so the engine receives them in the order the
 * sends arrived here (per partition order follows); the wait for an outstanding entry is not under it.
 * An entry's failure fails each of its sends ({@link ClusterWrites#onSubmitted}); each send is answered
 * by this node's apply of its own header, as for a single send.
 *
 * <p>Thread-safe: {@link #submit} runs on transport event loops, completions on the engine's threads,
 * the submission of what waited on the coalescer's own thread.
 */
final class SendCoalescer {

    /** Told, per send of an entry, that the entry was not committed. */
    interface Refusals {
        void onRefused(long sequence, Throwable failure);
    }

    /**
     * Send entries of this node in the engine at once before sends wait. Two, not one: with one, each
     * entry's commit latency is paid in full before the next is logged, so two producers with one send in
     * flight each lose the pipelining they had (docs/cluster.md, "Tenth round"); with two, the engine logs
     * and replicates one entry while the other commits, and what arrives meanwhile is coalesced.
     */
    static final int MAX_OUTSTANDING = 2;

    /**
     * JVM system property choosing when waiting sends go: {@code 2} (the default: two outstanding, any
     * send goes at once below that), {@code balanced} (two outstanding entries, each of a fair
     * {@link #share} of the sends in flight; docs/cluster.md, "Twelfth round", not the default), {@code 1},
     * or {@code adaptive} ({@link #adapt}; "Eleventh round").
     */
    static final String POLICY_PROPERTY = "iggyj.cluster.coalesce_outstanding";
    static final String BALANCED = "balanced";
    /** Sends in flight at a completion (outstanding and waiting) from which one outstanding entry is allowed. */
    static final int SERIAL_FROM_SENDS = 3;

    private final Supplier<Replicator> replicator;
    private final Refusals refusals;
    private final SendEntryCounts counts;
    private final long maxBytes;
    /** Whether {@link #limit} follows the queue ({@link #adapt}); otherwise it stays as configured. */
    private final boolean adaptive;
    /** Whether sends below the limit wait for their {@link #share} ({@link #BALANCED}). */
    private final boolean balanced;
    private final Object lock = new Object();
    /** Under {@link #lock}: send entries submitted and not completed. */
    private int outstanding;
    /** Under {@link #lock}: send entries of this node in the engine at once before sends wait. */
    private int limit;
    /** Under {@link #lock}: sends carried by the outstanding entries. */
    private int outstandingSends;
    /** Under {@link #lock}: sends waiting, each an encoded {@link SendEntry}, with their sequences. */
    private List<ByteBuf> queued = new ArrayList<>();
    private long[] queuedSequences = new long[16];
    private long queuedBytes;
    private final ExecutorService flusher;

    /**
     * @param replicator the running engine, read at each submission
     * @param refusals   told about the sends of an entry that failed
     * @param counts     counts each entry submitted and the sends it carries
     * @param maxBytes   the most bytes of messages one coalesced entry carries; 0 submits every send alone
     */
    SendCoalescer(Supplier<Replicator> replicator, Refusals refusals, SendEntryCounts counts, long maxBytes) {
        this(replicator, refusals, counts, maxBytes, System.getProperty(POLICY_PROPERTY, String.valueOf(MAX_OUTSTANDING)));
    }

    /** @param policy {@code balanced}, {@code adaptive}, {@code 1} or {@code 2} ({@link #POLICY_PROPERTY}) */
    SendCoalescer(Supplier<Replicator> replicator, Refusals refusals, SendEntryCounts counts, long maxBytes,
                  String policy) {
        this.replicator = replicator;
        this.refusals = refusals;
        this.counts = counts;
        this.maxBytes = maxBytes;
        this.adaptive = "adaptive".equals(policy);
        this.balanced = BALANCED.equals(policy);
        this.limit = "1".equals(policy) ? 1 : MAX_OUTSTANDING;
        this.flusher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "iggy-cluster-coalescer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param entry    a send ({@link SendEntry#encode}), handed over
     * @param sequence its request sequence
     */
    void submit(ByteBuf entry, long sequence) {
        if (maxBytes <= 0) {
            submitAlone(entry, sequence);
            return;
        }
        synchronized (lock) {
            if (outstanding < limit && queued.isEmpty() && share(outstandingSends + 1) <= 1) {
                outstanding++;
                submitNow(List.of(entry), new long[] {sequence});
                return;
            }
            long bytes = entry.readableBytes() - SendEntry.HEADER_LENGTH;
            if (!queued.isEmpty() && (queuedBytes + bytes > maxBytes || queued.size() == MultiSendEntry.MAX_SENDS)) {
                // Full: it goes now rather than grow past the cap; the new send starts the next one.
                outstanding++;
                submitQueued();
            }
            if (queued.size() == queuedSequences.length) {
                queuedSequences = Arrays.copyOf(queuedSequences, queuedSequences.length * 2);
            }
            queuedSequences[queued.size()] = sequence;
            queued.add(entry);
            queuedBytes += bytes;
            if (outstanding == 0 || outstanding < limit && enoughWaiting()) {
                outstanding++;
                submitQueued();
            }
        }
    }

    /**
     * Under the lock: how many sends one entry should carry, from the sends in flight here (outstanding
     * and waiting, one arriving included). With {@code n} in flight and two entries outstanding, an entry
     * taking whatever arrived (the {@code 2} policy) carries about n/3 sends (one producer with four in
     * flight: 1.3; docs/cluster.md, "Eleventh round"); waiting below the limit until n/2 arrived keeps
     * two entries in the engine with n/2 each. The wait is for a send already on its way (the client
     * sends the next as each reply arrives), never while nothing is outstanding; one or two in flight (two
     * producers with one each) need no wait, as before.
     */
    private int share(int inFlight) {
        return balanced ? Math.max(1, (inFlight + MAX_OUTSTANDING - 1) / MAX_OUTSTANDING) : 1;
    }

    /**
     * Under the lock: whether what waits is worth an entry of its own, its share or as many bytes as
     * one more send of their average size would push past the cap.
     */
    private boolean enoughWaiting() {
        int n = queued.size();
        return n > 0 && (n >= share(outstandingSends + n) || queuedBytes + queuedBytes / n > maxBytes);
    }

    /**
     * An entry of sends completed: the slot it held is freed, or what waited meanwhile takes it, on the
     * coalescer's own thread. The completion may run on a kernel shard or an engine thread, which must
     * neither copy megabytes nor wait for {@link #lock}: its holder may be inside the engine's
     * submission, which may wait for a shard ({@link SegmentSends#sequence}) or for the engine's lock.
     */
    private void onCompleted(int carried) {
        try {
            flusher.execute(() -> submitWaiting(carried));
        } catch (RejectedExecutionException stopping) {
            // Closed: the writes fail whatever still waits.
        }
    }

    private void submitWaiting(int carried) {
        synchronized (lock) {
            if (adaptive) {
                adapt(outstandingSends + queued.size());
            }
            outstandingSends -= carried;
            // Balanced: too few waiting for an entry of their own while another is outstanding; the next
            // arrival, or that entry's completion, sends them.
            if (queued.isEmpty() || outstanding > 1 && !enoughWaiting()) {
                outstanding--;
                return;
            }
            submitQueued();
        }
    }

    /**
     * Under the lock, at a completion. {@code sends}, the sends of the outstanding entries (the completed
     * one included) plus those waiting, tells how many sends this node's clients keep in flight. From three on, one outstanding entry lets
     * everything that arrives during its commit go as the next entry, where two outstanding would split
     * the same sends over more entries (with {@code n} in flight, entries of about n/3 sends instead of
     * n/2; docs/cluster.md, "Eleventh round"). Below three (two producers with one send in flight each)
     * waiting gains nothing, and two outstanding keep their pipelining ("Tenth round").
     */
    private void adapt(int sends) {
        limit = sends >= SERIAL_FROM_SENDS ? 1 : MAX_OUTSTANDING;
    }

    /**
     * Waits until the completions handed to the coalescer's thread so far have run (tests: what a
     * completion that submits nothing changed is then visible to the next {@link #submit}).
     */
    void awaitCompletions() throws InterruptedException, ExecutionException {
        // Twice: a completion may be handed over by the task running now (an entry it submitted completed
        // at once); it is queued before that task ends, so behind the first no-op and before the second.
        flusher.submit(() -> { }).get();
        flusher.submit(() -> { }).get();
    }

    /** Stops the coalescer's thread; sends still waiting are failed by their writes' shutdown. */
    void close() {
        flusher.shutdownNow();
    }

    /** Coalescing off: as before it existed, nothing counted and no hand-off. */
    private void submitAlone(ByteBuf entry, long sequence) {
        counts.submitted(1);
        toEngine(entry).whenComplete((ignored, failure) -> {
            if (failure != null) {
                refusals.onRefused(sequence, failure);
            }
        });
    }

    /** Under the lock. */
    private void submitQueued() {
        List<ByteBuf> sends = queued;
        long[] sequences = Arrays.copyOf(queuedSequences, sends.size());
        queued = new ArrayList<>();
        queuedBytes = 0;
        submitNow(sends, sequences);
    }

    /** Under the lock; the engine's completion may run right here, on this thread (the lock is reentrant). */
    private void submitNow(List<ByteBuf> sends, long[] sequences) {
        int carried = sends.size();
        outstandingSends += carried;
        counts.submitted(sends.size());
        ByteBuf entry;
        if (sends.size() == 1) {
            entry = sends.get(0);
        } else {
            try {
                entry = MultiSendEntry.encode(sends);
            } finally {
                sends.forEach(ByteBuf::release);
            }
        }
        toEngine(entry).whenComplete((ignored, failure) -> {
            if (failure != null) {
                for (long s : sequences) {
                    refusals.onRefused(s, failure);
                }
            }
            onCompleted(carried);
        });
    }

    /** @return the engine's completion of the entry, failed when the engine refused it at once */
    private CompletableFuture<Void> toEngine(ByteBuf entry) {
        try {
            return replicator.get().submit(entry);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
