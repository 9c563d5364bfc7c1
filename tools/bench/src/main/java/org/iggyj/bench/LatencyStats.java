package org.iggyj.bench;

import org.HdrHistogram.Histogram;

/**
 * Batch latency statistics in milliseconds, read from an HdrHistogram (values within its 3 significant
 * digits).
 *
 * @param p50   median
 * @param p90   90th percentile
 * @param p95   95th percentile
 * @param p99   99th percentile
 * @param p999  99.9th percentile
 * @param p9999 99.99th percentile
 * @param min   smallest
 * @param max   largest
 * @param mean  arithmetic mean
 */
record LatencyStats(double p50, double p90, double p95, double p99, double p999, double p9999, double min,
                    double max, double mean) {

    private static final double NS_PER_MS = 1e6;

    /** @return the statistics of a histogram of nanoseconds; all 0 when it is empty */
    static LatencyStats of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencyStats(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                ms(h.getValueAtPercentile(99.99)), ms(h.getMinValue()), ms(h.getMaxValue()),
                h.getMean() / NS_PER_MS);
    }

    private static double ms(long ns) {
        return ns / NS_PER_MS;
    }
}
