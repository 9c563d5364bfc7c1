package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.iggyj.kernel.command.KernelDispatcher;
import org.iggyj.kernel.command.OffsetChanges;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Reply;
import org.iggyj.spi.cluster.EntryData;
import org.iggyj.spi.cluster.ReplicatedStateMachine;
import org.iggyj.spi.cluster.SnapshotFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's replicated state machine: applies each committed {@link ReplicatedEntry} by running
 * its command through the ordinary handlers, as the user who sent it, with the entry's pinned time
 * and seed.
 *
 * <p>Design note: ordering. Entries arrive in log order on one thread. A metadata change is waited
 * for before the next entry is applied, so a send that follows a create_topic in the log resolves
 * the new topic on every node. A send is only resolved and queued on its partition's owner shard
 * (which preserves order per partition, as the shard's queue is FIFO), so appends to different
 * partitions proceed in parallel on their shards while the log moves on.
 *
 * <p>Confined to the engine's apply thread (see {@link ReplicatedStateMachine}).
 */
public final class CommandApplier implements ReplicatedStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(CommandApplier.class);
    private static final InetSocketAddress APPLIER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final KernelDispatcher dispatcher;
    private final SessionRegistry sessions;
    private final PinnedInputs inputs;
    private final ClusterWrites writes;
    private final ByteBufAllocator alloc;
    private final KernelSnapshots snapshots;
    private final OffsetChanges offsets;
    private final AutoCommitReplication autoCommits;
    private volatile long appliedIndex = -1;
    private volatile SegmentSends segmentSends;
    private volatile ClusterMemberships memberships;

    /**
     * @param dispatcher the kernel dispatcher (its handlers do the work)
     * @param sessions   sessions, to build the detached session a command runs as
     * @param inputs     the handlers' clock and random source, pinned per entry
     * @param writes     the submitting side, told when an entry of its own has been applied
     * @param alloc      allocator for the payload copy handed to the handlers
     * @param snapshots  takes and restores snapshots of the state the entries built
     */
    public CommandApplier(KernelDispatcher dispatcher, SessionRegistry sessions, PinnedInputs inputs,
                          ClusterWrites writes, ByteBufAllocator alloc, KernelSnapshots snapshots) {
        this(dispatcher, sessions, inputs, writes, alloc, snapshots, null);
    }

    /**
     * As {@link #CommandApplier(KernelDispatcher, SessionRegistry, PinnedInputs, ClusterWrites,
     * ByteBufAllocator, KernelSnapshots)}, with this node's auto-commit replication, whose own
     * entries are skipped once a newer local auto-commit replaced them.
     *
     * @param autoCommits this node's auto-commit replication; null when it does not replicate them
     */
    CommandApplier(KernelDispatcher dispatcher, SessionRegistry sessions, PinnedInputs inputs,
                   ClusterWrites writes, ByteBufAllocator alloc, KernelSnapshots snapshots,
                   AutoCommitReplication autoCommits) {
        this.offsets = dispatcher.offsetChanges();
        this.autoCommits = autoCommits;
        this.snapshots = snapshots;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.inputs = inputs;
        this.writes = writes;
        this.alloc = alloc;
    }

    /** @param sends how sends are stored when the engine keeps their bytes out of its log */
    void segmentSends(SegmentSends sends) {
        this.segmentSends = sends;
    }

    /** @param replicated applies consumer group membership entries */
    void memberships(ClusterMemberships replicated) {
        this.memberships = replicated;
    }

    @Override
    public EntryData entryData() {
        return segmentSends;
    }

    @Override
    public CompletableFuture<Void> apply(long index, ByteBuffer raw) {
        SegmentSends sends = segmentSends;
        if (sends != null && (SendEntry.is(raw) || MultiSendEntry.is(raw))) {
            CompletableFuture<Void> published = sends.apply(index, raw);
            appliedIndex = index;
            return published;
        }
        ReplicatedEntry entry;
        try {
            entry = ReplicatedEntry.decode(raw);
        } catch (IllegalArgumentException e) {
            LOG.error("Skipping log entry {}: {}", index, e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (entry.code() == OffsetEntry.CODE) {
            return applyOffsetChange(index, entry);
        }
        if (entry.code() == MembershipEntry.CODE) {
            return applyMembershipChange(index, entry);
        }
        ByteBuffer source = entry.payload();
        // A private copy: handlers stamp sends in place, and the engine's buffer is not ours to change.
        ByteBuf payload = alloc.directBuffer(Math.max(1, source.remaining()));
        payload.writeBytes(source.duplicate());
        ClientSession session = (ClientSession) sessions.openAuthenticated(TransportKind.TCP, APPLIER, entry.userId());
        CompletableFuture<Reply> reply;
        inputs.pin(entry.timeUs(), entry.seed(), entry.credentialsHashed(), entry.tokenHashed());
        try {
            reply = dispatcher.applyLocally(session, entry.code(), payload).toCompletableFuture();
            if (entry.code() != CommandCode.SEND_MESSAGES) {
                reply.join();
                if (autoCommits != null) {
                    autoCommits.afterApplied(entry.code(), snapshots.metadata().current());
                }
            }
        } finally {
            inputs.unpin();
        }
        appliedIndex = index;
        if (sends != null) {
            sends.onApplied(index, entry.code());
        }
        return reply.thenAccept(r -> writes.onApplied(entry.origin(), entry.sequence(), r));
    }

    /**
     * Applies a resolved offset change on its partition's owner shard, queued behind the sends
     * before it in the log (so in log order per partition), without waiting for it.
     */
    private CompletableFuture<Void> applyOffsetChange(long index, ReplicatedEntry entry) {
        OffsetEntry change;
        try {
            change = OffsetEntry.decode(entry.payload());
        } catch (IllegalArgumentException e) {
            LOG.error("Skipping log entry {}: {}", index, e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        BooleanSupplier stillLatest = null;
        if (change.op() == OffsetChanges.Op.AUTO_COMMIT && entry.origin() == writes.origin() && autoCommits != null) {
            stillLatest = () -> autoCommits.isLatest(change.target(), change.offset());
        }
        CompletableFuture<Reply> reply;
        try {
            reply = offsets.apply(change.target(), change.op(), change.offset(), stillLatest).toCompletableFuture()
                    .exceptionally(t -> {
                        LOG.error("Offset change of entry {} failed", index, t);
                        return Reply.error(ErrorCode.ERROR.code());
                    });
        } catch (RuntimeException e) {
            LOG.error("Offset change of entry {} failed", index, e);
            reply = CompletableFuture.completedFuture(Reply.error(ErrorCode.ERROR.code()));
        }
        appliedIndex = index;
        return reply.thenAccept(r -> writes.onApplied(entry.origin(), entry.sequence(), r));
    }

    /**
     * Applies a membership change on the metadata shard and waits for it, as for any metadata
     * change, so the entries after it see the member lists it leaves.
     */
    private CompletableFuture<Void> applyMembershipChange(long index, ReplicatedEntry entry) {
        ClusterMemberships groups = memberships;
        Reply reply;
        try {
            if (groups == null) {
                throw new IllegalStateException("no consumer group memberships on this node");
            }
            reply = groups.apply(MembershipEntry.decode(entry.payload())).join();
        } catch (RuntimeException e) {
            LOG.error("Membership change of entry {} failed", index, e);
            reply = Reply.error(ErrorCode.ERROR.code());
        }
        appliedIndex = index;
        writes.onApplied(entry.origin(), entry.sequence(), reply);
        return CompletableFuture.completedFuture(null);
    }

    /** @return the index of the last entry handed to the handlers, -1 before the first */
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public List<SnapshotFile> snapshot(Path dir) throws IOException {
        List<SnapshotFile> files = snapshots.snapshot(dir, appliedIndex);
        KeptSegments kept = snapshots.kept();
        if (kept != null) {
            kept.dropUpTo(appliedIndex);
            snapshots.onSnapshotTaken(appliedIndex);
        }
        return files;
    }

    @Override
    public void restore(Path dir) throws IOException {
        snapshots.restore(dir);
    }
}
