package org.iggyj.bench;

/**
 * One actor's row in the report.
 *
 * @param role                         {@code producer}, {@code consumer} or {@code producing_consumer}
 * @param id                           1-based within its role
 * @param messages                     messages moved
 * @param batches                      batches moved
 * @param payloadBytes                 payload bytes moved
 * @param wallTimeSeconds              its own measured time
 * @param throughputMegabytesPerSecond payload MB/s over its own time
 * @param messagesPerSecond            messages/s over its own time
 * @param latencyMs                    its batch latency statistics
 * @param error                        why it stopped early, or null
 */
record ActorReport(String role, int id, long messages, long batches, long payloadBytes, double wallTimeSeconds,
                   double throughputMegabytesPerSecond, double messagesPerSecond, LatencyStats latencyMs,
                   String error) {

    /** @return the row of one actor */
    static ActorReport of(ActorResult r) {
        long ns = r.elapsedNs();
        return new ActorReport(r.role().label(), r.id(), r.messages(), r.batches(), r.payloadBytes(), ns / 1e9,
                Throughput.megabytesPerSecond(r.payloadBytes(), ns), Throughput.perSecond(r.messages(), ns),
                LatencyStats.of(r.latencies()), r.error());
    }
}
