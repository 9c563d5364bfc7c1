package org.iggyj.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.iggyj.spi.cluster.ClusterMember;
import org.iggyj.spi.cluster.ReplicationStatus;
import org.iggyj.spi.cluster.Replicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's Raft member: the Ratis server holding the log and applying it through
 * {@link KernelStateMachine}; writes go into that server directly while this node leads, otherwise
 * through a Ratis client (which finds the leader, whichever node it is, and retries across leader
 * changes).
 *
 * <p>Thread-safe; {@link #submit} never blocks.
 */
final class RatisReplicator implements Replicator {

    private static final Logger LOG = LoggerFactory.getLogger(RatisReplicator.class);

    private static final Runnable NOTHING = () -> { };

    private final RaftServer server;
    private final LeaderLocalSubmission local;
    private final Supplier<RaftClient> clients;
    private volatile RaftClient client;
    private final RaftClient statusClient;
    private final RaftTopology topology;
    private final MemberView view;
    private final StatusReader status;
    private final ScheduledExecutorService refresher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FollowerStalls stalls;
    private final long responsiveMs;
    private static final long STALL_MIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    private volatile boolean firstLocalLogged;
    private final boolean splitData;
    private static final long NOT_YET_RETRY_MS = 2;
    /**
     * A leader handing its leadership over refuses writes for the whole transfer (hundreds of ms):
     * tried again at this pace until it names the new leader or the request's deadline passes.
     */
    private static final long STEPPING_DOWN_RETRY_MS = 20;

    /**
     * @param server the started Ratis server
     * @param clients makes the Raft client writes go through (again, after one failed)
     * @param statusClient a client without retries, for the member view's status queries only
     * @param topology the group
     * @param splitData whether sends' message bytes are kept out of the log
     * @throws IOException when the server has no division for the group
     */
    RatisReplicator(RaftServer server, Supplier<RaftClient> clients, RaftClient statusClient, RaftTopology topology,
                    boolean splitData) throws IOException {
        this.server = server;
        this.splitData = splitData;
        this.local = new LeaderLocalSubmission(server, topology);
        this.clients = clients;
        this.client = clients.get();
        this.statusClient = statusClient;
        this.topology = topology;
        this.view = new MemberView(server, () -> statusClient, topology);
        this.status = new StatusReader(server, topology);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iggy-cluster-members");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(view::refresh, 0, 500, TimeUnit.MILLISECONDS);
        refresher.scheduleWithFixedDelay(this::freeDeliveredEntryData, 500, 500, TimeUnit.MILLISECONDS);
        // Longer than any catch-up step that legitimately matches nothing for a while (a snapshot install).
        this.stalls = new FollowerStalls(Math.max(STALL_MIN_NANOS, 3 * topology.requestTimeout().toNanos()));
        this.responsiveMs = 2 * topology.electionTimeout().toMillis();
        refresher.scheduleWithFixedDelay(this::watchFollowers, 1000, 1000, TimeUnit.MILLISECONDS);
    }

    /** Logs a follower that replies but has taken no entry for long (issue #10; {@link FollowerStalls}). */
    private void watchFollowers() {
        Map<String, Long> matched = new HashMap<>();
        Map<String, Boolean> responsive = new HashMap<>();
        long last = status.followers(matched, responsive, responsiveMs);
        if (last < 0) {
            stalls.clear();
            return;
        }
        for (FollowerStalls.Stall s : stalls.observe(System.nanoTime(), last, matched, responsive)) {
            LOG.warn("Follower {} replies but has matched no entry after index {} for {} ms (leader at {}): its"
                    + " appends do not complete; a write it serves waits for its own apply until the request"
                    + " timeout", s.follower(), s.match(), s.forMs(), s.leaderLast());
        }
    }

    private void freeDeliveredEntryData() {
        try {
            if (server.getDivision(topology.group().getGroupId()).getStateMachine() instanceof KernelStateMachine kernel) {
                kernel.freeDeliveredEntryData();
            }
        } catch (IOException | RuntimeException e) {
            // starting or stopping: the next tick (or apply) frees it
        }
    }

    /**
     * Design note: while this node is the leader (the common case with leader-aware clients), the
     * entry goes to its own Ratis server in-process ({@link LeaderLocalSubmission}); otherwise, and
     * when the local server refuses an entry before logging it (leadership just moved, too many
     * pending writes), it goes through the Raft client, which finds the leader wherever it is.
     *
     * <p>In-process, the bytes are copied once into a heap array that Ratis then owns (unless the entry
     * already is such an array, {@link #ownArray}): Ratis 3.2.1
     * keeps the log entry (and so these bytes) in its log cache after it has replied, to send it to
     * a follower that lags, and says nothing when it evicts it, so a pooled buffer could never be
     * given back safely. Through the client the pooled bytes are lent without a copy, since the client
     * has serialized them for gRPC once it completes the request.
     *
     * <p>An entry the local leader logged but could not commit (it lost the leadership) is in
     * doubt: the next leader commits it or drops it. It is not sent again (under another client id
     * it could commit twice); if it commits, this node's own apply answers the client (the kernel
     * waits for that, not for this future), otherwise the {@code request_timeout} deadline fails it.
     *
     * <p>Through the client, a request that has not committed within {@code request_timeout} fails
     * for its client and the Raft client it went through is replaced (closing it fails the requests
     * still retrying in it). Ratis's ordered client holds later requests behind an earlier one, so
     * keeping a client whose request is stuck would stall every write of this node; a fresh client
     * (new client id, new sliding window) starts clean with whichever leader is current. The entry's
     * bytes are released only when Ratis has finished with the request, never at the deadline, since
     * Ratis may still be resending them then.
     */
    @Override
    public CompletableFuture<Void> submit(ByteBuf entry) {
        if (closed.get()) {
            entry.release();
            return CompletableFuture.failedFuture(new IOException("this cluster member is stopping"));
        }
        if (!local.leading()) {
            return throughClient(UnsafeByteOperations.unsafeWrap(entry.nioBuffer()), entry::release, null);
        }
        byte[] bytes = ownArray(entry);
        entry.release();
        CompletableFuture<Void> result = new CompletableFuture<>();
        pipe(locally(UnsafeByteOperations.unsafeWrap(bytes), result), result);
        return withDeadline(result, null);
    }

    /**
     * The entry's bytes as an array Ratis may keep: the entry's own array when it is an unpooled heap
     * buffer covering exactly that array (nothing reuses such an array once it is released, so it is
     * adopted without a copy: a send's entry in {@code segments} mode), else a copy.
     */
    static byte[] ownArray(ByteBuf entry) {
        if (entry.alloc() instanceof UnpooledByteBufAllocator && entry.hasArray() && entry.arrayOffset() == 0
                && entry.readerIndex() == 0 && entry.writerIndex() == entry.array().length) {
            return entry.array();
        }
        return ByteBufUtil.getBytes(entry);
    }

    @Override
    public boolean keepsEntryDataOutOfLog() {
        return splitData;
    }

    private static void pipe(CompletableFuture<Void> from, CompletableFuture<Void> to) {
        from.whenComplete((ignored, failure) -> {
            if (failure == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(failure);
            }
        });
    }

    /** @return whether the leader refused the entry unlogged because the kernel cannot order it yet */
    private static boolean notYet(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (t instanceof StateMachineException && String.valueOf(t.getMessage()).contains(KernelStateMachine.NOT_YET)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether the leader refused the entry unlogged because it is handing its leadership over
     *         (Ratis's asynchronous client does not retry that refusal: it names no leader)
     */
    private static boolean steppingDown(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (t instanceof LeaderSteppingDownException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Submits again, shortly, an entry the leader refused unlogged: because an entry it depends on is
     * not applied yet there (docs/cluster.md, "Message bytes and the Raft log"), or because it is
     * stepping down ("Operations: rolling restart"); until the request's deadline. Never logged, the
     * entry cannot commit twice.
     */
    private CompletableFuture<Void> again(ByteString bytes, CompletableFuture<Void> deadline) {
        return again(bytes, deadline, NOT_YET_RETRY_MS);
    }

    private CompletableFuture<Void> again(ByteString bytes, CompletableFuture<Void> deadline, long delayMs) {
        CompletableFuture<Void> retried = new CompletableFuture<>();
        if (deadline.isDone() || closed.get()) {
            retried.completeExceptionally(new IOException("not ordered before the request timeout"));
            return retried;
        }
        refresher.schedule(() -> pipe(local.leading() ? locally(bytes, deadline) : throughClient(bytes, NOTHING, deadline),
                retried), delayMs, TimeUnit.MILLISECONDS);
        return retried;
    }

    private CompletableFuture<Void> locally(ByteString bytes, CompletableFuture<Void> deadline) {
        if (!firstLocalLogged) {
            firstLocalLogged = true;
            LOG.info("This node leads: writes go into its Raft server in-process");
        }
        LocalEntry entry = new LocalEntry(bytes);
        CompletableFuture<RaftClientReply> sent;
        try {
            sent = local.submit(entry);
        } catch (IOException | RuntimeException e) {
            // logged, then failed: in doubt as below; the caller's deadline ends the wait
            return entry.logged() ? new CompletableFuture<>() : throughClient(bytes, NOTHING, deadline);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        sent.whenComplete((reply, failure) -> {
            if (failure == null && reply.isSuccess()) {
                result.complete(null);
            } else if (!entry.logged() && failure == null && steppingDown(reply.getException())) {
                pipe(again(bytes, deadline, STEPPING_DOWN_RETRY_MS), result);
            } else if (!entry.logged() && failure == null && reply.getStateMachineException() != null) {
                if (notYet(reply.getStateMachineException())) {
                    pipe(again(bytes, deadline), result);
                } else {
                    result.completeExceptionally(reply.getStateMachineException());
                }
            } else if (!entry.logged()) {
                pipe(throughClient(bytes, NOTHING, deadline), result);
            } else if (failure == null && reply.getNotLeaderException() == null) {
                result.completeExceptionally(new IllegalStateException("not committed: " + reply.getException()));
            } else {
                LOG.debug("An entry logged by this node as leader is in doubt after it lost the leadership: {}",
                        failure != null ? failure : reply.getException());
            }
        });
        return result;
    }

    /**
     * @param deadline the request's overall result when this is a later try for it, null for a first
     *                 try (a refused entry is then tried again until this one's deadline)
     */
    private CompletableFuture<Void> throughClient(ByteString bytes, Runnable release, CompletableFuture<Void> deadline) {
        RaftClient used = client;
        CompletableFuture<RaftClientReply> sent;
        try {
            sent = used.async().send(Message.valueOf(bytes));
        } catch (RuntimeException e) {
            release.run();
            replace(used);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        sent.whenComplete((reply, failure) -> {
            Throwable refusal = failure != null ? failure : reply.isSuccess() ? null : reply.getException();
            // A refusal the leader replied may come as the reply's exception or as the client's own failure (a
            // completion exception); either way the entry was not logged
            boolean handingOver = refusal != null && steppingDown(refusal);
            boolean tryAgain = handingOver || refusal != null && notYet(refusal);
            // lent bytes go back to the kernel now: a later try needs a copy of its own
            ByteString kept = tryAgain && release != NOTHING ? ByteString.copyFrom(bytes.asReadOnlyByteBuffer()) : bytes;
            release.run();
            if (tryAgain) {
                pipe(again(kept, deadline != null ? deadline : result, handingOver ? STEPPING_DOWN_RETRY_MS
                        : NOT_YET_RETRY_MS), result);
            } else if (failure != null) {
                replace(used);
                result.completeExceptionally(failure);
            } else if (!reply.isSuccess()) {
                result.completeExceptionally(new IllegalStateException("not committed: " + reply.getException()));
            } else {
                result.complete(null);
            }
        });
        return withDeadline(result, used);
    }

    /** Fails the result after {@code request_timeout}; replaces the client it went through, if any. */
    private CompletableFuture<Void> withDeadline(CompletableFuture<Void> result, RaftClient used) {
        result.orTimeout(topology.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, failure) -> {
                    if (used != null && failure != null && unwrap(failure) instanceof TimeoutException) {
                        replace(used);
                    }
                });
        return result;
    }

    /**
     * After a request failed for good, Ratis's ordered client refuses every later request (its
     * sliding window is closed), and after one timed out it may hold later ones behind it: swap in a
     * fresh client, once per failed one.
     */
    private void replace(RaftClient failed) {
        synchronized (this) {
            if (client != failed || closed.get()) {
                return;
            }
            client = clients.get();
        }
        LOG.warn("Replaced the Raft client after a request failed or timed out");
        try {
            failed.close();
        } catch (IOException e) {
            LOG.debug("Closing the failed Raft client", e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public List<ClusterMember> members() {
        return view.members();
    }

    @Override
    public ReplicationStatus status() {
        return status.read();
    }

    @Override
    public long firstLogIndex() {
        return status.firstLogIndex();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Before anything stops: a leader that hands over costs the others no election timeout.
        long electionMs = topology.electionTimeout().toMillis();
        new LeadershipHandOver(server, topology, Math.max(1000, 2 * electionMs), electionMs).run();
        refresher.shutdownNow();
        RaftClient last;
        synchronized (this) {
            last = client;
        }
        for (RaftClient c : List.of(last, statusClient)) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.warn("Raft client did not close cleanly", e);
            }
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Raft server did not close cleanly", e);
        }
    }
}
