package org.iggyj.bench;

/**
 * Wall-clock microseconds with nanosecond-clock resolution: the epoch is read once and advanced by
 * {@link System#nanoTime()}, so stamping origin timestamps and computing end-to-end latency costs no
 * allocation and never goes backwards. Producers and consumers of one run share an instance, so their
 * readings are comparable. Immutable; thread-safe.
 */
final class MicroClock {

    private final long epochUs;
    private final long epochNs;

    MicroClock() {
        this.epochUs = System.currentTimeMillis() * 1_000;
        this.epochNs = System.nanoTime();
    }

    /** @return microseconds since the Unix epoch */
    long nowUs() {
        return epochUs + (System.nanoTime() - epochNs) / 1_000;
    }
}
