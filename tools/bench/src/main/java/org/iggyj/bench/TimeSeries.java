package org.iggyj.bench;

import java.util.Arrays;

/**
 * Per-bucket sums over the measured part of a run: payload bytes, messages, and the sum and count of batch
 * latencies, in buckets of {@code --sampling-time} counted from the run's common epoch, so series of
 * different actors line up and can be added. Arrays grow by doubling (no allocation per batch otherwise).
 * Thread-confined until the actor ends; read-only afterwards.
 */
final class TimeSeries {

    private final long bucketNs;
    private long[] bytes = new long[64];
    private long[] messages = new long[64];
    private long[] latencySumNs = new long[64];
    private long[] latencyCount = new long[64];
    private int size;

    TimeSeries(long bucketNs) {
        if (bucketNs <= 0) {
            throw new IllegalArgumentException("bucket must be positive");
        }
        this.bucketNs = bucketNs;
    }

    /**
     * @param sinceEpochNs when the batch completed, relative to the run's epoch (negative counts as 0)
     */
    void record(long sinceEpochNs, long payloadBytes, long messageCount, long latencyNs) {
        int bucket = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, sinceEpochNs) / bucketNs);
        ensure(bucket + 1);
        bytes[bucket] += payloadBytes;
        messages[bucket] += messageCount;
        latencySumNs[bucket] += latencyNs;
        latencyCount[bucket]++;
    }

    /** Adds another series of the same bucket size into this one. */
    void add(TimeSeries other) {
        if (other.bucketNs != bucketNs) {
            throw new IllegalArgumentException("bucket sizes differ");
        }
        ensure(other.size);
        for (int i = 0; i < other.size; i++) {
            bytes[i] += other.bytes[i];
            messages[i] += other.messages[i];
            latencySumNs[i] += other.latencySumNs[i];
            latencyCount[i] += other.latencyCount[i];
        }
    }

    int size() {
        return size;
    }

    long bucketNs() {
        return bucketNs;
    }

    /** @return decimal MB/s of each bucket */
    double[] megabytesPerSecond() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = Throughput.megabytesPerSecond(bytes[i], bucketNs);
        }
        return out;
    }

    /** @return messages per second of each bucket */
    double[] messagesPerSecond() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = Throughput.perSecond(messages[i], bucketNs);
        }
        return out;
    }

    /** @return average batch latency in ms of each bucket; NaN for a bucket with no batch */
    double[] averageLatencyMs() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = latencyCount[i] == 0 ? Double.NaN : latencySumNs[i] / 1e6 / latencyCount[i];
        }
        return out;
    }

    /**
     * @param values a series
     * @param window points averaged (trailing); 1 or less returns a copy
     * @return the trailing moving average, NaN points skipped
     */
    static double[] movingAverage(double[] values, int window) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, i - Math.max(1, window) + 1); j <= i; j++) {
                if (!Double.isNaN(values[j])) {
                    sum += values[j];
                    n++;
                }
            }
            out[i] = n == 0 ? Double.NaN : sum / n;
        }
        return out;
    }

    private void ensure(int newSize) {
        if (newSize > bytes.length) {
            int capacity = Math.max(newSize, bytes.length * 2);
            bytes = Arrays.copyOf(bytes, capacity);
            messages = Arrays.copyOf(messages, capacity);
            latencySumNs = Arrays.copyOf(latencySumNs, capacity);
            latencyCount = Arrays.copyOf(latencyCount, capacity);
        }
        size = Math.max(size, newSize);
    }
}
