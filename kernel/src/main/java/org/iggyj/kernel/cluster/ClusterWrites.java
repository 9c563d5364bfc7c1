package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.kernel.auth.TokenHasher;
import org.iggyj.kernel.command.CredentialPrehash;
import org.iggyj.kernel.command.OffsetChanges;
import org.iggyj.kernel.command.SendTargets;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.command.WriteForwarder;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.storage.MessageFrame;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.request.SendMessagesRequest;
import org.iggyj.protocol.request.StoreConsumerOffset;
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.spi.Reply;
import org.iggyj.spi.cluster.Replicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submitting side of clustering: turns a client's write into a {@link ReplicatedEntry}, submits
 * it and answers the client with the reply of this node's own apply of it, so a client that reads
 * from the node it wrote to sees its write (read-your-writes on every node).
 *
 * <p>Which writes replicate: every metadata mutation (streams, topics, partitions, users,
 * permissions, passwords, tokens, consumer groups, segments deletion, purges), send_messages, and
 * store/delete of consumer offsets. An offset's store/delete is resolved here (a group member's
 * partition is known only where the member is connected) and replicated as an
 * {@link OffsetEntry}; polls' auto-commits follow asynchronously ({@link AutoCommitReplication}),
 * which also orders a store/delete after the auto-commits of the same offset submitted here before it.
 * Consumer group joins and leaves are checked here and replicated as {@link MembershipEntry}s
 * ({@link ClusterMemberships}). Everything read-only stays local (see {@code docs/cluster.md}).
 *
 * <p>Thread-safe: {@link #forward} runs on transport event loops, {@link #onApplied} on the
 * applier thread or a shard.
 */
public final class ClusterWrites implements WriteForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWrites.class);
    private static final byte CONSUMER_KIND_GROUP = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long origin = RANDOM.nextLong();
    private final AtomicLong sequence = new AtomicLong();
    private final PendingApplies pending;
    /** Expires the waits of {@link #pending}; null until {@link #boundApplyWait}. */
    private volatile ScheduledExecutorService applyTimer;
    private final ByteBufAllocator alloc;
    private final MicrosClock clock;
    private final CredentialPrehash credentials;
    private final OffsetChanges offsets;
    private volatile Replicator replicator;
    /** Set when the engine keeps message bytes out of its log: sends are then encoded as {@link SendEntry}. */
    private volatile MetadataWriter splitSends;
    private volatile AutoCommitReplication autoCommits;
    private volatile ClusterMemberships memberships;
    /** Group commit of sends in {@code segments} mode; every send alone until {@link #coalesceSends}. */
    private final SendEntryCounts sendEntryCounts = new SendEntryCounts();
    private volatile SendCoalescer sends = new SendCoalescer(() -> replicator, this::onSendRefused, sendEntryCounts, 0);

    /**
     * @param alloc       allocator for entries
     * @param clock       the system clock (the time an entry carries)
     * @param credentials hashes passwords before create_user / change_password are logged; null
     *                    replicates them as received (tests without user commands)
     */
    public ClusterWrites(ByteBufAllocator alloc, MicrosClock clock, CredentialPrehash credentials) {
        this(alloc, clock, credentials, null);
    }

    /**
     * @param alloc       allocator for entries
     * @param clock       the system clock (the time an entry carries)
     * @param credentials hashes passwords before create_user / change_password are logged; null
     *                    replicates them as received (tests without user commands)
     * @param offsets     resolves a consumer group member's offset changes, which are then
     *                    replicated resolved; null leaves them local (tests)
     */
    public ClusterWrites(ByteBufAllocator alloc, MicrosClock clock, CredentialPrehash credentials,
                         OffsetChanges offsets) {
        this.alloc = alloc;
        this.clock = clock;
        this.credentials = credentials;
        this.offsets = offsets;
        this.pending = new PendingApplies(System::nanoTime);
    }

    /**
     * Bounds each request's wait for this node's apply from its submission on, so a client whose
     * entry commits elsewhere but never applies here gets an error instead of waiting for ever.
     *
     * @param timeout {@code replication.request_timeout}; called once, when the replicator is attached
     */
    void boundApplyWait(Duration timeout) {
        pending.bound(timeout.toNanos());
        // A tenth of the bound (at least 50 ms): an expired wait fails at most that late.
        long periodMs = Math.max(50, timeout.toMillis() / 10);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("iggy-apply-timeouts", true));
        timer.scheduleWithFixedDelay(this::expireOverdueApplies, periodMs, periodMs, TimeUnit.MILLISECONDS);
        applyTimer = timer;
    }

    /** @return how many waits for a local apply expired now */
    int expireOverdueApplies() {
        int expired = pending.expireOverdue();
        if (expired > 0) {
            LOG.warn("{} request(s) got no local apply within the request timeout and failed", expired);
        }
        return expired;
    }

    /** The waits for this node's applies (tests). */
    PendingApplies pendingApplies() {
        return pending;
    }

    /** @param ordered orders this node's explicit offset changes after its pending auto-commits */
    void orderOffsetsWith(AutoCommitReplication ordered) {
        this.autoCommits = ordered;
    }

    /** @param replicated replicates consumer group joins and leaves from now on */
    void replicateMemberships(ClusterMemberships replicated) {
        this.memberships = replicated;
    }

    void attach(Replicator running) {
        this.replicator = running;
    }

    /** @param metadata resolves sends on this node from now on ({@link SendEntry}) */
    void splitSends(MetadataWriter metadata) {
        this.splitSends = metadata;
    }

    /**
     * @param maxBytes {@code replication.max_coalesced_bytes}: the most message bytes one entry of
     *                 coalesced sends carries; 0 submits every send as its own entry
     */
    void coalesceSends(long maxBytes) {
        SendCoalescer previous = sends;
        this.sends = new SendCoalescer(() -> replicator, this::onSendRefused, sendEntryCounts, maxBytes);
        previous.close();
    }

    /** @return the send entries this node submitted and the sends they carried */
    SendEntryCounts sendEntryCounts() {
        return sendEntryCounts;
    }

    long origin() {
        return origin;
    }

    @Override
    public boolean handles(int code, byte firstByte) {
        switch (code) {
            case CommandCode.STORE_CONSUMER_OFFSET:
            case CommandCode.DELETE_CONSUMER_OFFSET:
                // A group member's offset is resolved here (membership is this node's) and replicated resolved.
                return firstByte != CONSUMER_KIND_GROUP || offsets != null;
            case CommandCode.JOIN_CONSUMER_GROUP:
            case CommandCode.LEAVE_CONSUMER_GROUP:
                return memberships != null;
            default:
                return replicates(code);
        }
    }

    /** @return whether the command is a write that every node applies */
    static boolean replicates(int code) {
        switch (code) {
            case CommandCode.SEND_MESSAGES:
            case CommandCode.CREATE_STREAM:
            case CommandCode.UPDATE_STREAM:
            case CommandCode.DELETE_STREAM:
            case CommandCode.PURGE_STREAM:
            case CommandCode.CREATE_TOPIC:
            case CommandCode.UPDATE_TOPIC:
            case CommandCode.DELETE_TOPIC:
            case CommandCode.PURGE_TOPIC:
            case CommandCode.CREATE_PARTITIONS:
            case CommandCode.DELETE_PARTITIONS:
            case CommandCode.DELETE_SEGMENTS:
            case CommandCode.CREATE_USER:
            case CommandCode.DELETE_USER:
            case CommandCode.UPDATE_USER:
            case CommandCode.UPDATE_PERMISSIONS:
            case CommandCode.CHANGE_PASSWORD:
            case CommandCode.CREATE_PERSONAL_ACCESS_TOKEN:
            case CommandCode.DELETE_PERSONAL_ACCESS_TOKEN:
            case CommandCode.CREATE_CONSUMER_GROUP:
            case CommandCode.DELETE_CONSUMER_GROUP:
            case CommandCode.STORE_CONSUMER_OFFSET:
            case CommandCode.DELETE_CONSUMER_OFFSET:
                return true;
            default:
                return false;
        }
    }

    @Override
    public CompletionStage<Reply> forward(ClientSession session, int code, ByteBuf payload, Object request) {
        Replicator running = replicator;
        if (running == null) {
            throw new IggyException(ErrorCode.ERROR, "the cluster is not running yet");
        }
        if (credentials != null && CredentialPrehash.carriesPassword(code)) {
            // The clear-text password never enters the log: it is hashed here, off the event loop.
            return credentials.prepare(session, request).thenCompose(hashed -> {
                try {
                    return submit(running, session, code, hashed, ReplicatedEntry.CREDENTIALS_HASHED, randomSeed());
                } finally {
                    hashed.release();
                }
            });
        }
        MetadataWriter split = splitSends;
        if (split != null && request instanceof SendMessagesRequest send) {
            return submitSplit(session, split, send);
        }
        if (offsets != null && (code == CommandCode.STORE_CONSUMER_OFFSET || code == CommandCode.DELETE_CONSUMER_OFFSET)) {
            OffsetChanges.Op op = code == CommandCode.STORE_CONSUMER_OFFSET ? OffsetChanges.Op.STORE
                    : OffsetChanges.Op.DELETE;
            long offset = request instanceof StoreConsumerOffset store ? store.offset() : 0;
            OffsetChanges.Target target = offsets.resolve(session, request);
            AutoCommitReplication ordered = autoCommits;
            if (ordered == null) {
                return submitOffset(running, session.userId(), target, op, offset);
            }
            return ordered.explicit(target, () -> submitOffset(running, session.userId(), target, op, offset));
        }
        ClusterMemberships groups = memberships;
        if (groups != null && ClusterMemberships.handles(code)) {
            return groups.forward(session, code, (ConsumerGroupRef) request);
        }
        if (code == CommandCode.CREATE_PERSONAL_ACCESS_TOKEN) {
            return submitNewToken(running, session, payload);
        }
        byte[] seed = null;
        if (request instanceof SendMessagesRequest send) {
            // Ids the server would generate at append are generated here, once, for every node.
            MessageFrame.assignMissingIds(send.messages(), send.messagesCount());
        } else {
            seed = randomSeed();
        }
        return submit(running, session, code, payload, 0, seed);
    }

    /**
     * The token is made here and only its hash is logged (as the entry's seed); the client gets the
     * token once every node, this one included, has stored the hash.
     */
    private CompletableFuture<Reply> submitNewToken(Replicator running, ClientSession session, ByteBuf payload) {
        String raw = TokenHasher.newRawToken();
        byte[] hash = HexFormat.of().parseHex(TokenHasher.hash(raw));
        return submit(running, session, CommandCode.CREATE_PERSONAL_ACCESS_TOKEN, payload,
                ReplicatedEntry.TOKEN_HASHED, hash).thenApply(applied -> {
                    if (!applied.isOk()) {
                        return applied;
                    }
                    applied.release();
                    ByteBuf out = alloc.heapBuffer();
                    ResponseWriter.rawToken(out, raw);
                    return Reply.ok(out);
                });
    }

    /**
     * The partition is resolved here (a refusal, e.g. a permission, fails this send alone, before it is
     * queued); the leader fixes the offsets when it logs the entry, alone or coalesced with others.
     */
    private CompletableFuture<Reply> submitSplit(ClientSession session, MetadataWriter metadata,
                                                 SendMessagesRequest send) {
        Partition partition = SendTargets.resolve(metadata.current(), session, send);
        MessageFrame.assignMissingIds(send.messages(), send.messagesCount());
        long seq = sequence.incrementAndGet();
        CompletableFuture<Reply> reply = awaitApplied(seq);
        ByteBuf entry = SendEntry.encode(origin, seq, session.userId(), clock.nowUs(), partition.streamId(),
                partition.topicId(), partition.id(), partition.createdAtUs(), send.messagesCount(), send.messages());
        sends.submit(entry, seq);
        return reply;
    }

    private static byte[] randomSeed() {
        byte[] seed = new byte[ReplicatedEntry.SEED_LENGTH];
        RANDOM.nextBytes(seed);
        return seed;
    }

    /**
     * Submits a resolved offset change; the reply is this node's apply of it.
     *
     * @param target the offset
     * @param op     what to do with it
     * @param offset the value to store
     * @return the reply of the local apply; fails when the entry is not committed
     */
    CompletableFuture<Reply> submitOffset(OffsetChanges.Target target, OffsetChanges.Op op, long offset) {
        Replicator running = replicator;
        if (running == null) {
            return CompletableFuture.failedFuture(new IggyException(ErrorCode.ERROR, "the cluster is not running yet"));
        }
        return submitOffset(running, 0, target, op, offset);
    }

    /**
     * Submits an entry this node resolved itself (not a request as received).
     *
     * @param userId  the user it runs as (0 for the server's own)
     * @param code    the entry code, outside Iggy's command codes
     * @param payload the entry payload (not consumed)
     * @return the reply of the local apply; fails when the entry is not committed
     */
    CompletableFuture<Reply> submitResolved(long userId, int code, ByteBuf payload) {
        Replicator running = replicator;
        if (running == null) {
            return CompletableFuture.failedFuture(new IggyException(ErrorCode.ERROR, "the cluster is not running yet"));
        }
        return submit(running, userId, code, payload, 0, null);
    }

    private CompletableFuture<Reply> submitOffset(Replicator running, long userId, OffsetChanges.Target target,
                                                  OffsetChanges.Op op, long offset) {
        ByteBuf payload = new OffsetEntry(target, op, offset).encode(alloc);
        try {
            return submit(running, userId, OffsetEntry.CODE, payload, 0, null);
        } finally {
            payload.release();
        }
    }

    private CompletableFuture<Reply> submit(Replicator running, ClientSession session, int code, ByteBuf payload,
                                            int flags, byte[] seed) {
        return submit(running, session.userId(), code, payload, flags, seed);
    }

    private CompletableFuture<Reply> submit(Replicator running, long userId, int code, ByteBuf payload,
                                            int flags, byte[] seed) {
        long seq = sequence.incrementAndGet();
        CompletableFuture<Reply> reply = awaitApplied(seq);
        ByteBuf entry = ReplicatedEntry.encodeOwned(code, flags, origin, seq, userId, clock.nowUs(), seed, payload);
        running.submit(entry).whenComplete((ignored, failure) -> onSubmitted(code, seq, failure));
        return reply;
    }

    /**
     * @param seq a request sequence of this origin, about to be submitted
     * @return completes with this node's apply of it ({@link #onApplied}), or fails when it is not committed
     *         or not applied here within the bound ({@link #boundApplyWait})
     */
    CompletableFuture<Reply> awaitApplied(long seq) {
        return pending.add(seq);
    }

    private void onSendRefused(long seq, Throwable failure) {
        onSubmitted(CommandCode.SEND_MESSAGES, seq, failure);
    }

    private void onSubmitted(int code, long seq, Throwable failure) {
        if (failure != null) {
            CompletableFuture<Reply> waiting = pending.remove(seq);
            if (waiting != null) {
                LOG.warn("{} was not committed: {}", code == OffsetEntry.CODE ? "offset change"
                        : code == MembershipEntry.CODE ? "membership change" : CommandCode.name(code),
                        failure.toString());
                IggyException refused = refusal(failure);
                waiting.completeExceptionally(refused != null ? refused : new IggyException(ErrorCode.ERROR,
                        "not committed by the cluster: " + failure.getMessage()));
            }
        }
    }

    /** A send the leader refused before logging it (its partition is gone) keeps its Iggy error. */
    private static IggyException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IggyException e) {
                return e;
            }
        }
        return null;
    }

    /**
     * Answers the client of an entry this process submitted, once it has been applied here.
     *
     * @param entryOrigin the entry's origin
     * @param entrySeq    the entry's sequence
     * @param reply       the local apply's reply; released when nobody waits for it
     */
    void onApplied(long entryOrigin, long entrySeq, Reply reply) {
        CompletableFuture<Reply> waiting = entryOrigin == origin ? pending.remove(entrySeq) : null;
        if (waiting == null || !waiting.complete(reply)) {
            reply.release();
        }
    }

    /** Fails every request still waiting (shutdown). */
    void failPending() {
        sends.close();
        ScheduledExecutorService timer = applyTimer;
        if (timer != null) {
            timer.shutdownNow();
        }
        pending.failAll(new IggyException(ErrorCode.ERROR, "the server is stopping"));
    }
}
