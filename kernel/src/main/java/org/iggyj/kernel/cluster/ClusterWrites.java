package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.kernel.command.CredentialPrehash;
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
import org.iggyj.protocol.request.SendMessagesRequest;
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
 * store/delete of a regular consumer's offset. Group membership (join/leave), the offsets of a
 * consumer group member (which depend on this node's membership list) and everything read-only stay
 * local (see {@code docs/cluster.md}).
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
    private final Map<Long, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final ByteBufAllocator alloc;
    private final MicrosClock clock;
    private final CredentialPrehash credentials;
    private volatile Replicator replicator;
    /** Set when the engine keeps message bytes out of its log: sends are then encoded as {@link SendEntry}. */
    private volatile MetadataWriter splitSends;

    /**
     * @param alloc       allocator for entries
     * @param clock       the system clock (the time an entry carries)
     * @param credentials hashes passwords before create_user / change_password are logged; null
     *                    replicates them as received (tests without user commands)
     */
    public ClusterWrites(ByteBufAllocator alloc, MicrosClock clock, CredentialPrehash credentials) {
        this.alloc = alloc;
        this.clock = clock;
        this.credentials = credentials;
    }

    void attach(Replicator running) {
        this.replicator = running;
    }

    /** @param metadata resolves sends on this node from now on ({@link SendEntry}) */
    void splitSends(MetadataWriter metadata) {
        this.splitSends = metadata;
    }

    long origin() {
        return origin;
    }

    @Override
    public boolean handles(int code, byte firstByte) {
        switch (code) {
            case CommandCode.STORE_CONSUMER_OFFSET:
            case CommandCode.DELETE_CONSUMER_OFFSET:
                return firstByte != CONSUMER_KIND_GROUP;
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
            return submitSplit(running, session, split, send);
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

    /** The partition is resolved here; the leader fixes the offsets when it logs the entry. */
    private CompletableFuture<Reply> submitSplit(Replicator running, ClientSession session, MetadataWriter metadata,
                                                 SendMessagesRequest send) {
        Partition partition = SendTargets.resolve(metadata.current(), session, send);
        MessageFrame.assignMissingIds(send.messages(), send.messagesCount());
        long seq = sequence.incrementAndGet();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(seq, reply);
        ByteBuf entry = SendEntry.encode(alloc, origin, seq, session.userId(), clock.nowUs(), partition.streamId(),
                partition.topicId(), partition.id(), partition.createdAtUs(), send.messagesCount(), send.messages());
        running.submit(entry).whenComplete((ignored, failure) -> onSubmitted(CommandCode.SEND_MESSAGES, seq, failure));
        return reply;
    }

    private static byte[] randomSeed() {
        byte[] seed = new byte[ReplicatedEntry.SEED_LENGTH];
        RANDOM.nextBytes(seed);
        return seed;
    }

    private CompletableFuture<Reply> submit(Replicator running, ClientSession session, int code, ByteBuf payload,
                                            int flags, byte[] seed) {
        long seq = sequence.incrementAndGet();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(seq, reply);
        ByteBuf entry = ReplicatedEntry.encode(alloc, code, flags, origin, seq, session.userId(), clock.nowUs(), seed,
                payload);
        running.submit(entry).whenComplete((ignored, failure) -> onSubmitted(code, seq, failure));
        return reply;
    }

    private void onSubmitted(int code, long seq, Throwable failure) {
        if (failure != null) {
            CompletableFuture<Reply> waiting = pending.remove(seq);
            if (waiting != null) {
                LOG.warn("{} was not committed: {}", CommandCode.name(code), failure.toString());
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
        pending.values().forEach(f -> f.completeExceptionally(
                new IggyException(ErrorCode.ERROR, "the server is stopping")));
        pending.clear();
    }
}
