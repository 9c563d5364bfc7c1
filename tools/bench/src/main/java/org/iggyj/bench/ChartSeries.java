package org.iggyj.bench;

/**
 * A group's time series as it goes into the report: one point per sampling bucket, smoothed by the
 * trailing moving average of {@code --moving-average-window}. A {@code null} latency point is a bucket in
 * which no batch completed.
 *
 * @param samplingMs                   bucket width
 * @param throughputMegabytesPerSecond decimal MB/s of payload per bucket
 * @param messagesPerSecond            messages per second per bucket
 * @param averageLatencyMs             mean batch latency per bucket, or null
 */
record ChartSeries(double samplingMs, double[] throughputMegabytesPerSecond, double[] messagesPerSecond,
                   Double[] averageLatencyMs) {

    /** @return the smoothed series of the summed time series */
    static ChartSeries of(TimeSeries series, int window) {
        double[] latency = TimeSeries.movingAverage(series.averageLatencyMs(), window);
        Double[] boxed = new Double[latency.length];
        for (int i = 0; i < latency.length; i++) {
            boxed[i] = Double.isNaN(latency[i]) ? null : latency[i];
        }
        return new ChartSeries(series.bucketNs() / 1e6,
                TimeSeries.movingAverage(series.megabytesPerSecond(), window),
                TimeSeries.movingAverage(series.messagesPerSecond(), window), boxed);
    }
}
