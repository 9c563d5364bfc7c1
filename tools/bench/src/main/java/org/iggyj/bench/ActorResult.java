package org.iggyj.bench;

import org.HdrHistogram.Histogram;

/**
 * What one actor did while measured.
 *
 * @param role         producer, consumer or producing consumer
 * @param id           1-based actor number within its role
 * @param messages     messages sent (producers) or received (consumers)
 * @param batches      completed requests that moved messages
 * @param payloadBytes user payload bytes moved
 * @param startNs      {@link System#nanoTime()} when measured work began
 * @param endNs        {@link System#nanoTime()} when its last batch completed
 * @param latencies    batch latencies in nanoseconds
 * @param series       per-bucket sums
 * @param error        why it stopped early, or null
 */
record ActorResult(Role role, int id, long messages, long batches, long payloadBytes, long startNs, long endNs,
                   Histogram latencies, TimeSeries series, String error) {

    /** @return measured wall time in nanoseconds */
    long elapsedNs() {
        return endNs - startNs;
    }
}
