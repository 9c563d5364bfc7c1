package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.FileRegion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.metrics.TopicTraffic;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.storage.ConsumerOffsetKind;
import org.iggyj.kernel.storage.ReadResult;
import org.iggyj.kernel.storage.RegionRead;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.FlushUnsavedBuffer;
import org.iggyj.protocol.request.PollMessages;
import org.iggyj.protocol.request.SendMessagesRequest;
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.protocol.wire.ConsumerKind;
import org.iggyj.protocol.wire.PollingStrategy;
import org.iggyj.spi.Reply;

/**
 * send_messages, poll_messages and flush_unsaved_buffer. The request is resolved against the
 * metadata snapshot on the calling thread; the partition work runs on the owner shard. A send's
 * message bytes travel to the owner without a copy and are stamped and written there in place.
 */
final class MessageCommands {

    private static final int POLL_HEADER_LENGTH = 16;

    private final MetadataWriter metadata;
    private final ByteBufAllocator alloc;
    private final Guard guard;
    private final MessageCrypto crypto;
    private final MicrosClock clock;
    private final OffsetChanges offsetChanges;
    private TopicTraffic traffic = new TopicTraffic();

    MessageCommands(MetadataWriter metadata, ByteBufAllocator alloc, Guard guard, MessageCrypto crypto,
                    MicrosClock clock, OffsetChanges offsetChanges) {
        this.clock = clock;
        this.offsetChanges = offsetChanges;
        this.metadata = metadata;
        this.alloc = alloc;
        this.guard = guard;
        this.crypto = crypto;
    }

    void registerWith(KernelDispatcher d) {
        traffic = d.traffic();
        d.registerAuthFirst(CommandCode.SEND_MESSAGES, SendMessagesRequest::decode, this::send);
        d.register(CommandCode.POLL_MESSAGES, PollMessages::decode, this::poll);
        d.register(CommandCode.FLUSH_UNSAVED_BUFFER, FlushUnsavedBuffer::decode, this::flush);
    }

    private CompletionStage<Reply> send(ClientSession session, SendMessagesRequest request) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.SEND_MESSAGES, request.streamId(), request.topicId());
        TopicMeta topic = PartitionResolver.topic(md, request.streamId(), request.topicId());
        Partition partition = PartitionResolver.forSend(topic, request.partitioning());
        ByteBuf messages = request.messages().retain();
        int count = request.messagesCount();
        long bytes = messages.readableBytes();
        // Completed with the first stored offset, or -1 when nothing was stored (all duplicates).
        CompletableFuture<Long> ack = new CompletableFuture<>();
        // Read here, not on the owner: a replicated send is applied with its entry's pinned time.
        long nowUs = clock.nowUs();
        partition.owner().execute(() -> {
            ByteBuf stored = null;
            try {
                // Sealed on the owner shard, whose cipher it is; a pass-through when encryption is off.
                stored = crypto.seal(messages, count, alloc);
                CompletableFuture<Void> appended = new CompletableFuture<>();
                long next = partition.nextOffset();
                partition.append(stored, count, nowUs, appended);
                long first = partition.nextOffset() != next ? next : -1;
                appended.whenComplete((ok, failure) -> {
                    if (failure != null) {
                        ack.completeExceptionally(failure);
                    } else {
                        ack.complete(first);
                    }
                });
            } catch (RuntimeException e) {
                ack.completeExceptionally(e);
            } finally {
                messages.release();
                if (stored != null) {
                    stored.release();
                }
            }
        });
        return ack.thenApply(first -> {
            traffic.sent(partition.streamId(), partition.topicId(), count, bytes);
            if (session.receivesAppendOffsets() && first >= 0) {
                return Reply.ok(alloc.buffer(Long.BYTES).writeLongLE(first));
            }
            return Reply.ok();
        });
    }

    private CompletionStage<Reply> poll(ClientSession session, PollMessages request) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.POLL_MESSAGES, request.streamId(), request.topicId());
        TopicMeta topic = PartitionResolver.topic(md, request.streamId(), request.topicId());
        if (request.consumer().kind() == ConsumerKind.CONSUMER_GROUP) {
            return pollAsGroupMember(session, topic, request);
        }
        long partitionId = request.hasPartition() ? request.partitionId() : 0;
        Partition partition = PartitionResolver.partition(topic, partitionId);
        long consumerKey = PartitionResolver.consumerKey(request.consumer());
        return partition.owner().submit(() -> pollOnOwner(partition, request, ConsumerOffsetKind.CONSUMER, consumerKey,
                zeroCopy(session)));
    }

    /** Stored bytes can go out as file regions only when they are what the client must see. */
    private boolean zeroCopy(ClientSession session) {
        return session.acceptsFileRegions() && !crypto.enabled();
    }

    /**
     * Reads the member's partition from the group's offset. Reading and auto-committing happen in
     * one task on the partition's owner, so two members never get the same messages with
     * auto-commit, even while the partition changes hands.
     */
    private CompletionStage<Reply> pollAsGroupMember(ClientSession session, TopicMeta topic, PollMessages request) {
        GroupConsumers.Target target = GroupConsumers.forPoll(topic, request.consumer(), session,
                request.hasPartition(), request.partitionId());
        Partition partition = target.partition();
        if (partition == null) {
            return Replies.done(Replies.write(alloc, out -> ResponseWriter.pollHeader(out, 0, 0, 0)));
        }
        long groupId = target.group().id();
        return partition.owner().submit(() -> pollOnOwner(partition, request, ConsumerOffsetKind.GROUP, groupId,
                zeroCopy(session)));
    }

    /**
     * Reads and answers one poll on the partition's owner. For a transport that writes files
     * ({@code fileRegions}), the messages are not read here: the reply carries the poll header and
     * the segment ranges, sent with sendfile; otherwise they are copied into the reply.
     */
    private Reply pollOnOwner(Partition partition, PollMessages request, ConsumerOffsetKind kind, long consumerKey,
                              boolean fileRegions) {
        long current = partition.reader().currentOffset();
        long start = partition.reader().isEmpty() || request.count() == 0
                ? -1 : startOffset(partition, request.strategy(), request.count(), kind, consumerKey);
        if (start < 0 || start > current) {
            return Replies.write(alloc, out -> ResponseWriter.pollHeader(out, partition.id(), current, 0));
        }
        int maxCount = (int) Math.min(request.count(), Integer.MAX_VALUE);
        if (fileRegions) {
            return pollRegions(partition, request, kind, consumerKey, start, maxCount, current);
        }
        ReadResult read = partition.reader().read(start, maxCount, alloc);
        if (request.autoCommit() && read.count() > 0) {
            autoCommit(partition, kind, consumerKey, read.firstOffset() + read.count() - 1);
        }
        traffic.polled(partition.streamId(), partition.topicId(), read.count(), read.data().readableBytes());
        ByteBuf header = alloc.buffer(POLL_HEADER_LENGTH);
        ResponseWriter.pollHeader(header, partition.id(), current, read.count());
        ByteBuf messages;
        try {
            messages = crypto.open(read.data(), read.count(), alloc);
        } catch (RuntimeException e) {
            header.release();
            throw e;
        } finally {
            read.data().release();
        }
        CompositeByteBuf reply = alloc.compositeBuffer(2);
        reply.addComponents(true, header, messages);
        return Reply.ok(reply);
    }

    private Reply pollRegions(Partition partition, PollMessages request, ConsumerOffsetKind kind, long consumerKey,
                              long start, int maxCount, long current) {
        RegionRead read = partition.reader().readRegions(start, maxCount);
        try {
            if (request.autoCommit() && read.count() > 0) {
                autoCommit(partition, kind, consumerKey, read.firstOffset() + read.count() - 1);
            }
        } catch (RuntimeException e) {
            read.regions().forEach(FileRegion::release);
            throw e;
        }
        traffic.polled(partition.streamId(), partition.topicId(), read.count(), read.bytes());
        ByteBuf header = alloc.buffer(POLL_HEADER_LENGTH);
        ResponseWriter.pollHeader(header, partition.id(), current, read.count());
        return Reply.ok(header, read.regions());
    }

    private void autoCommit(Partition partition, ConsumerOffsetKind kind, long consumerKey, long offset) {
        partition.consumerOffsets().store(kind, consumerKey, offset);
        offsetChanges.autoCommitted(partition, kind, consumerKey, offset);
    }

    /** Where a poll starts, per Iggy's strategies; -1 when nothing can be returned. */
    private static long startOffset(Partition partition, PollingStrategy strategy, long count,
                                    ConsumerOffsetKind kind, long consumerKey) {
        long first = partition.reader().firstOffset();
        long current = partition.reader().currentOffset();
        switch (strategy.kind()) {
            case OFFSET:
                return Long.compareUnsigned(strategy.value(), current) > 0 ? -1 : Math.max(strategy.value(), first);
            case TIMESTAMP:
                return partition.reader().offsetAtOrAfterTimestamp(strategy.value());
            case FIRST:
                return first;
            case LAST:
                return Math.max(first, current + 1 - Math.min(count, current + 1));
            case NEXT:
                var stored = partition.consumerOffsets().stored(kind, consumerKey);
                return stored.isPresent() ? Math.max(stored.getAsLong() + 1, first) : first;
            default:
                return -1;
        }
    }

    private CompletionStage<Reply> flush(ClientSession session, FlushUnsavedBuffer request) {
        Metadata md = metadata.current();
        guard.topic(md, session, Operation.SEND_MESSAGES, request.streamId(), request.topicId());
        TopicMeta topic = PartitionResolver.topic(md, request.streamId(), request.topicId());
        Partition partition = PartitionResolver.partition(topic, request.partitionId());
        return partition.owner().submit(() -> {
            // Appends are written to the file as they arrive, so only the fsync part has work to do.
            if (request.fsync()) {
                partition.sync();
            }
            return Reply.ok();
        });
    }
}
