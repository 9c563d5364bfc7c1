package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.iggyj.spi.cluster.ClusterMember;
import org.iggyj.spi.cluster.Replicator;

/**
 * A replicator that logs nothing anywhere: it records every entry submitted, decoded, and
 * acknowledges the submission at once. The test decides when an entry "applies".
 *
 * @param <T> what the entries' payloads decode to
 */
final class RecordingReplicator<T> implements Replicator {

    final List<ReplicatedEntry> submitted = new CopyOnWriteArrayList<>();
    final List<T> changes = new CopyOnWriteArrayList<>();
    private final Function<ByteBuffer, T> payloads;

    /** @param payloads decodes an entry's payload */
    RecordingReplicator(Function<ByteBuffer, T> payloads) {
        this.payloads = payloads;
    }

    @Override
    public CompletableFuture<Void> submit(ByteBuf entry) {
        ReplicatedEntry decoded = ReplicatedEntry.decode(entry.nioBuffer());
        submitted.add(decoded);
        changes.add(payloads.apply(decoded.payload()));
        entry.release();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<ClusterMember> members() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
