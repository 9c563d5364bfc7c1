package org.iggyj.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds one actor to a byte rate (its share of {@code --rate-limit}): each batch is due when the bytes
 * sent before it, at the rate, have had their time. A late actor is not allowed to burst to catch up by
 * more than one batch. Thread-confined to its actor.
 */
final class Pacer {

    private final double nanosPerByte;
    private long nextDueNs;

    /**
     * @param bytesPerSecond the rate; 0 or less means unlimited
     */
    Pacer(long bytesPerSecond) {
        this.nanosPerByte = bytesPerSecond <= 0 ? 0 : 1e9 / bytesPerSecond;
    }

    /** Waits until a batch of {@code bytes} may go. */
    void acquire(long bytes) {
        if (nanosPerByte == 0) {
            return;
        }
        long now = System.nanoTime();
        if (nextDueNs == 0 || nextDueNs < now) {
            nextDueNs = now;
        }
        long wait;
        while ((wait = nextDueNs - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        nextDueNs += (long) (bytes * nanosPerByte);
    }
}
