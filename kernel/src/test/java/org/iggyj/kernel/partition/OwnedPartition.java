package org.iggyj.kernel.partition;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.Supplier;
import org.iggyj.kernel.ScopedTestDirectory;
import org.iggyj.kernel.shard.ShardSet;
import org.iggyj.kernel.storage.StorageConfig;

/**
 * The set-up the partition tests share, as a JUnit extension ({@code @RegisterExtension}): one real shard
 * owning partition 0/0/0 in a fresh temporary directory ({@link ScopedTestDirectory}), opened before each
 * test and closed (shard included) after it, the owner-thread calls a test makes, and the batches it sends.
 */
final class OwnedPartition extends ScopedTestDirectory {

    /** Length of a message's header, before its payload. */
    static final int HEADER_LENGTH = 64;

    private final StorageConfig storage;
    private final DeduplicationConfig deduplication;
    private ShardSet shards;
    private Partition partition;

    OwnedPartition(StorageConfig storage, DeduplicationConfig deduplication) {
        this.storage = storage;
        this.deduplication = deduplication;
    }

    @Override
    protected void begun() {
        shards = closedAtEnd(new ShardSet(1));
        partition = null;
        reopen();
        closedAtEnd(() -> onOwner(partition::close));
    }

    /** @return the partition the current test works on */
    Partition partition() {
        return partition;
    }

    /** Closes the partition (if open) and opens a new handle on its files, as a restart does. */
    Partition reopen() {
        if (partition != null) {
            onOwner(partition::close);
        }
        partition = new Partition(new PartitionKey(0, 0, 0), 0, shards.ownerOf(0, 0, 0), root(),
            new PartitionSettings(storage, MicrosClock.SYSTEM, deduplication));
        onOwner(partition::open);
        return partition;
    }

    /** Runs {@code work} on the owner shard and waits for it. */
    void onOwner(Runnable work) {
        onOwner(() -> {
            work.run();
            return null;
        });
    }

    /** @return what {@code work} returns, run on the owner shard */
    <T> T onOwner(Supplier<T> work) {
        return partition.owner().submit(work).join();
    }

    /**
     * @param ids the client message ids, one message each
     * @return a batch of messages with a 4-byte payload (the id), as a send request carries it; the caller
     *         releases it
     */
    static ByteBuf batch(long... ids) {
        ByteBuf batch = Unpooled.directBuffer();
        for (long id : ids) {
            batch.writeLongLE(0).writeLongLE(id).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(0);
            batch.writeIntLE(0).writeIntLE(4).writeLongLE(0).writeIntLE((int) id);
        }
        return batch;
    }

    /** @return a batch of {@code count} messages with ids 1..count (see {@link #batch(long...)}) */
    static ByteBuf batchOf(int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = i + 1;
        }
        return batch(ids);
    }
}
