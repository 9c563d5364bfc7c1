package org.iggyj.bench;

/**
 * The throughput arithmetic: an amount over the wall time it took. MB are decimal (10^6 bytes), as
 * upstream iggy-bench reports them. Stateless.
 */
final class Throughput {

    private Throughput() {
    }

    /**
     * @return {@code bytes} as decimal megabytes per second over {@code nanos}; 0 when no time passed
     */
    static double megabytesPerSecond(long bytes, long nanos) {
        return nanos <= 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
    }

    /**
     * @return {@code count} per second over {@code nanos}; 0 when no time passed
     */
    static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }
}
