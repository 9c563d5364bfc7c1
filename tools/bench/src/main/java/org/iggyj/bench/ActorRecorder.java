package org.iggyj.bench;

import org.HdrHistogram.Histogram;

/**
 * One actor's measurements: batch latencies in an HdrHistogram (nanoseconds, 3 significant digits), the
 * time series, totals, and the first/last instants of measured work. Recording allocates nothing.
 * Thread-confined to its actor; {@link #result} hands the data over when the actor ends.
 */
final class ActorRecorder {

    /** Latencies above this are clamped (recorded as this value). */
    static final long MAX_LATENCY_NS = 600_000_000_000L;

    private final Role role;
    private final int id;
    private final long epochNs;
    private final Histogram latencies = new Histogram(MAX_LATENCY_NS, 3);
    private final TimeSeries series;
    private long messages;
    private long batches;
    private long payloadBytes;
    private long startNs;
    private long endNs;

    /**
     * @param epochNs  {@link System#nanoTime()} at which measurement starts for the whole run
     * @param bucketNs the time-series bucket
     */
    ActorRecorder(Role role, int id, long epochNs, long bucketNs) {
        this.role = role;
        this.id = id;
        this.epochNs = epochNs;
        this.series = new TimeSeries(bucketNs);
    }

    /** Marks the start of measured work (the run epoch if never called). */
    void start(long nowNs) {
        startNs = nowNs;
    }

    /** Records one completed batch. */
    void record(long nowNs, long latencyNs, int messageCount, long batchPayloadBytes) {
        latencies.recordValue(Math.max(0, Math.min(latencyNs, MAX_LATENCY_NS)));
        series.record(nowNs - epochNs, batchPayloadBytes, messageCount, latencyNs);
        messages += messageCount;
        batches++;
        payloadBytes += batchPayloadBytes;
        endNs = nowNs;
    }

    long messages() {
        return messages;
    }

    /**
     * @param error why the actor stopped early, or null
     * @return the finished result; the actor records nothing more
     */
    ActorResult result(String error) {
        long start = startNs == 0 ? epochNs : startNs;
        long end = batches == 0 ? start : endNs;
        return new ActorResult(role, id, messages, batches, payloadBytes, start, end, latencies, series, error);
    }
}
