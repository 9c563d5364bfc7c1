package org.iggyj.transport.kafka;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.protocol.Errors;

/**
 * Idempotent producers: the producer ids InitProducerId hands out and, per producer and partition, the
 * last sequence number appended, so a retried batch is acknowledged without being stored twice and a
 * gap is refused, as a Kafka broker does.
 *
 * <p>Design note: the state lives in memory only. After a restart a producer's next batch is taken as
 * its first (any sequence accepted), which is what a Kafka broker does for a producer whose state
 * expired; and the table forgets everything beyond {@value #MAX_ENTRIES} entries, bounding memory at
 * the cost of the same leniency. Thread-safe: one connection's batches for a partition arrive in order,
 * and each entry is updated under its own lock.
 */
final class ProducerState {

    static final int MAX_ENTRIES = 100_000;

    private record Key(long producerId, String topic, int partition) {
    }

    private static final class Entry {
        short epoch;
        int lastSequence;

        Entry(short epoch, int lastSequence) {
            this.epoch = epoch;
            this.lastSequence = lastSequence;
        }
    }

    // Seeded from the clock so ids given before a restart are not handed out again after it.
    private final AtomicLong nextProducerId = new AtomicLong(System.currentTimeMillis() * 1000);
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    long newProducerId() {
        return nextProducerId.getAndIncrement();
    }

    /**
     * @return {@link Errors#NONE} to append the batch, {@link Errors#DUPLICATE_SEQUENCE_NUMBER} for a batch
     *         already appended (acknowledge it, store nothing), or the error to answer
     */
    Errors check(long producerId, short epoch, String topic, int partition, int baseSequence, int lastSequence) {
        if (producerId < 0) {
            return Errors.NONE;
        }
        Entry entry = entries.get(new Key(producerId, topic, partition));
        if (entry == null) {
            return Errors.NONE;
        }
        synchronized (entry) {
            if (epoch < entry.epoch) {
                return Errors.INVALID_PRODUCER_EPOCH;
            }
            if (epoch > entry.epoch) {
                return baseSequence == 0 ? Errors.NONE : Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
            }
            int expected = entry.lastSequence == Integer.MAX_VALUE ? 0 : entry.lastSequence + 1;
            if (baseSequence == expected) {
                return Errors.NONE;
            }
            if (lastSequence <= entry.lastSequence && baseSequence <= entry.lastSequence) {
                return Errors.DUPLICATE_SEQUENCE_NUMBER;
            }
            return Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        }
    }

    /** Records a batch as appended. */
    void appended(long producerId, short epoch, String topic, int partition, int lastSequence) {
        if (producerId < 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        Entry entry = entries.computeIfAbsent(new Key(producerId, topic, partition), k -> new Entry(epoch, lastSequence));
        synchronized (entry) {
            entry.epoch = epoch;
            entry.lastSequence = lastSequence;
        }
    }
}
