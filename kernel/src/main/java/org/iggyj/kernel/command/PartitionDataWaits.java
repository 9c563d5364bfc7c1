package org.iggyj.kernel.command;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.Authorizer;
import org.iggyj.kernel.auth.Operation;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.DataWaits;
import org.iggyj.spi.Session;

/**
 * The kernel's {@link DataWaits}: resolves and checks the request like a poll (authentication, then
 * the poll permission, then stream, topic and partition), then registers the wait with the
 * partition's {@link org.iggyj.kernel.partition.OffsetWaiters} on its owner shard.
 *
 * <p>Stateless; safe to call from any thread.
 */
public final class PartitionDataWaits implements DataWaits {

    /** The longest wait accepted; longer ones are cut to it so no timer outlives a client by much. */
    static final long MAX_TIMEOUT_MS = 300_000;

    private final MetadataWriter metadata;
    private final Guard guard = new Guard(new Authorizer());

    /**
     * @param metadata the metadata snapshot source
     */
    public PartitionDataWaits(MetadataWriter metadata) {
        this.metadata = metadata;
    }

    @Override
    public CompletionStage<Long> awaitData(Session session, Identifier streamId, Identifier topicId, long partitionId,
                                           long offset, Duration timeout) {
        try {
            ClientSession client = (ClientSession) session;
            if (!client.isAuthenticated()) {
                throw new IggyException(ErrorCode.UNAUTHENTICATED, "log in before waiting for data");
            }
            Metadata md = metadata.current();
            guard.topic(md, client, Operation.POLL_MESSAGES, streamId, topicId);
            Partition partition = PartitionResolver.partition(PartitionResolver.topic(md, streamId, topicId),
                    partitionId);
            long timeoutMs = Math.min(Math.max(0, timeout.toMillis()), MAX_TIMEOUT_MS);
            CompletableFuture<Long> result = new CompletableFuture<>();
            partition.owner().execute(() -> {
                try {
                    long end = partition.reader().isEmpty() ? 0 : partition.reader().currentOffset() + 1;
                    partition.waiters().await(offset, end, timeoutMs, result);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
