package org.iggyj.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The results of a group of actors (all producers, all consumers, or everything): totals, and throughput
 * as the bytes and messages actually moved divided by the group's wall time — from the earliest actor
 * start to the latest actor end — not a sum of per-actor rates (which overstates throughput whenever
 * actors do not run exactly side by side). Actors that moved nothing do not count towards the wall time.
 * Latency percentiles come from the merged histograms.
 *
 * @param role                         {@code producers}, {@code consumers}, {@code producing_consumers}
 *                                     or {@code aggregate}
 * @param title                        heading for humans
 * @param actors                       actors in the group
 * @param messages                     messages moved
 * @param batches                      batches moved
 * @param payloadBytes                 payload bytes moved
 * @param wallTimeSeconds              earliest start to latest end
 * @param throughputMegabytesPerSecond payload MB (10^6 bytes) per second of wall time
 * @param messagesPerSecond            messages per second of wall time
 * @param latencyMs                    batch latency statistics
 * @param series                       throughput and latency over time
 */
record GroupReport(String role, String title, int actors, long messages, long batches, long payloadBytes,
                   double wallTimeSeconds, double throughputMegabytesPerSecond, double messagesPerSecond,
                   LatencyStats latencyMs, ChartSeries series) {

    /**
     * @param role    the group's JSON name
     * @param title   its heading
     * @param results its actors, at least one
     * @param window  moving-average window of the chart series
     * @return the group's report
     */
    static GroupReport of(String role, String title, List<ActorResult> results, int window) {
        long messages = 0;
        long batches = 0;
        long bytes = 0;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        Histogram latencies = new Histogram(ActorRecorder.MAX_LATENCY_NS, 3);
        TimeSeries series = new TimeSeries(results.get(0).series().bucketNs());
        for (ActorResult r : results) {
            messages += r.messages();
            batches += r.batches();
            bytes += r.payloadBytes();
            if (r.batches() > 0) {
                // an actor that moved nothing (failed at once, or found no data) does not stretch the run
                start = Math.min(start, r.startNs());
                end = Math.max(end, r.endNs());
            }
            latencies.add(r.latencies());
            series.add(r.series());
        }
        long wallNs = start == Long.MAX_VALUE ? 0 : Math.max(0, end - start);
        return new GroupReport(role, title, results.size(), messages, batches, bytes, wallNs / 1e9,
                Throughput.megabytesPerSecond(bytes, wallNs), Throughput.perSecond(messages, wallNs),
                LatencyStats.of(latencies), ChartSeries.of(series, window));
    }
}
