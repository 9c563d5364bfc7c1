package org.iggyj.kernel.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.partition.Partition;

/**
 * A send's bytes into and out of its partition, unpublished: sealed on the way in, opened on the way out.
 * The log and the staging files carry the bytes as received; each member seals its own copy with its
 * own nonces, and a follower is sent the bytes as the leader received them.
 *
 * <p>Threads: {@link #write} and {@link #read} from any thread, the work on the owner shard (whose cipher
 * it is); {@link #moveIn} on the owner shard.
 */
final class SealedPartitionBytes {

    private final ByteBufAllocator alloc;
    private volatile MessageCrypto crypto = MessageCrypto.NONE;

    /** @param alloc allocator for the copies handed to the shards */
    SealedPartitionBytes(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** @param crypto {@code [system.encryption]}, {@link MessageCrypto#NONE} when off */
    void sealWith(MessageCrypto crypto) {
        this.crypto = crypto;
    }

    /**
     * Copies {@code data} (not consumed) and writes it, unpublished, at the send's base offset.
     *
     * @return completes once written (not fsynced)
     */
    CompletableFuture<Void> write(Partition partition, SendEntry send, ByteBuffer data) {
        ByteBuf copy = alloc.directBuffer(Math.max(1, data.remaining()));
        copy.writeBytes(data.duplicate());
        CompletableFuture<Void> written = new CompletableFuture<>();
        partition.owner().execute(() -> {
            try {
                writeSealed(partition, send, copy, written);
            } catch (RuntimeException e) {
                written.completeExceptionally(e);
            }
        });
        return written;
    }

    /** On the owner shard: writes a staged send's bytes, unpublished, and fsyncs them. */
    void moveIn(Partition partition, SendEntry send, FileChannel staged) throws IOException {
        int length = (int) staged.size();
        ByteBuf bytes = alloc.directBuffer(Math.max(1, length));
        try {
            bytes.writeBytes(staged, 0L, length);
        } catch (IOException | RuntimeException e) {
            bytes.release();
            throw e;
        }
        CompletableFuture<Void> moved = new CompletableFuture<>();
        writeSealed(partition, send, bytes, moved);
        moved.join();
        partition.sync();
    }

    /** Takes ownership of {@code plain}. */
    private void writeSealed(Partition partition, SendEntry send, ByteBuf plain, CompletableFuture<Void> written) {
        ByteBuf stored = null;
        try {
            // A pass-through when encryption is off.
            stored = crypto.seal(plain, send.count(), alloc);
            partition.writeAhead().holdBackUnpublished();
            partition.writeAhead().writeUnpublished(send.baseOffset(), stored, send.count(), send.timeUs(), written);
        } finally {
            plain.release();
            if (stored != null) {
                stored.release();
            }
        }
    }

    /** @return the send's bytes as received, copied onto the heap (the engine keeps them as long as it likes) */
    CompletableFuture<ByteBuffer> read(Partition partition, SendEntry send) {
        return partition.owner().submit(() -> {
            ByteBuf stored = partition.writeAhead().readWritten(send.baseOffset(), send.count(), alloc);
            ByteBuf opened = null;
            try {
                opened = crypto.open(stored, send.count(), alloc);
                byte[] bytes = new byte[opened.readableBytes()];
                opened.readBytes(bytes);
                return ByteBuffer.wrap(bytes);
            } finally {
                stored.release();
                if (opened != null) {
                    opened.release();
                }
            }
        });
    }
}
