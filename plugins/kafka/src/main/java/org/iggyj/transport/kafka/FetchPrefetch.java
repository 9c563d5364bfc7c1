package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.iggyj.protocol.MessageLayout;

/**
 * The next batch of one partition, read ahead for a consumer that is catching up.
 *
 * <p>A Kafka consumer fetches a partition again only once it has used up the records of the previous
 * answer, so without a read-ahead the server builds every batch while the client waits and the client
 * consumes every batch while the server idles. A Kafka broker answers from its log file in microseconds;
 * this plugin re-encodes stored Iggy messages into a Kafka batch, milliseconds of work per MiB fetched.
 * So once a Fetch's response is written, and a partition it answered records of holds more, the plugin
 * builds the batch the next Fetch will ask for; that Fetch takes it if it asks for the same partition,
 * offset and size.
 *
 * <p>A batch is answered only after a one-message poll at its offset (which checks the poll permission
 * as every read does) still finds the message the batch starts with (same checksum, id and append
 * time), so a topic deleted and re-created in between is read anew. One per connection, holding at most
 * one batch; confined to the connection's event loop.
 */
final class FetchPrefetch {

    /** A batch read ahead, or being read: {@code buffer} holds {@code records}. */
    static final class Batch {
        final String topic;
        final int partition;
        final long offset;
        final int maxBytes;
        final CompletableFuture<Batch> ready = new CompletableFuture<>();
        ByteBuf buffer;
        MemoryRecords records = MemoryRecords.EMPTY;
        /** The first message's checksum, id (two longs) and append time, as the poll reply held them. */
        final long[] first = new long[4];
        private boolean dropped;

        Batch(String topic, int partition, long offset, int maxBytes) {
            this.topic = topic;
            this.partition = partition;
            this.offset = offset;
            this.maxBytes = maxBytes;
        }

        /** Keeps the first message's identity from a frame of a poll reply. */
        static void identity(ByteBuf reply, int frame, long[] into) {
            into[0] = reply.getLongLE(frame + MessageLayout.CHECKSUM_OFFSET);
            into[1] = reply.getLongLE(frame + MessageLayout.ID_OFFSET);
            into[2] = reply.getLongLE(frame + MessageLayout.ID_OFFSET + 8);
            into[3] = reply.getLongLE(frame + MessageLayout.TIMESTAMP_OFFSET);
        }

        /** @return the buffer holding {@link #records}, which the caller now owns (null when there is none) */
        ByteBuf handOver() {
            ByteBuf owned = buffer;
            buffer = null;
            return owned;
        }

        /** Frees the buffer now, or once the read completes. */
        void drop() {
            dropped = true;
            if (ready.isDone()) {
                release();
            }
        }

        /** Called on the loop when the read completed: a batch dropped meanwhile is freed at once. */
        void completed() {
            if (dropped) {
                release();
            }
            ready.complete(this);
        }

        private void release() {
            if (buffer != null) {
                buffer.release();
                buffer = null;
            }
            records = MemoryRecords.EMPTY;
        }
    }

    private Batch pending;
    private boolean closed;

    /**
     * @return the batch read ahead for exactly this read, now no longer held here, or null; one read
     *         ahead for this partition at another offset or size is dropped, one for another partition kept
     */
    Batch take(String topic, int partition, long offset, int maxBytes) {
        Batch batch = pending;
        if (batch == null || batch.partition != partition || !batch.topic.equals(topic)) {
            return null;
        }
        pending = null;
        if (batch.offset == offset && batch.maxBytes == maxBytes) {
            return batch;
        }
        batch.drop();
        return null;
    }

    /**
     * Holds a new read-ahead, dropping the one held before.
     *
     * @return the batch to fill, or null when the connection is closed
     */
    Batch start(String topic, int partition, long offset, int maxBytes) {
        if (closed) {
            return null;
        }
        if (pending != null) {
            pending.drop();
        }
        pending = new Batch(topic, partition, offset, maxBytes);
        return pending;
    }

    /** The connection closed: the batch held is freed, now or when its read completes. */
    void close() {
        closed = true;
        if (pending != null) {
            pending.drop();
            pending = null;
        }
    }
}
