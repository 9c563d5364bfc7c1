/**
 * {@code iggy-bench}: drives an Iggy 0.8 server with the upstream benchmark scenarios through the lean
 * {@code iggyj-client}, then reports throughput as bytes moved over the wall time of the run and
 * per-batch latency percentiles, on the console and as {@code report.json} plus a self-contained
 * {@code report.html}.
 *
 * <p>Threads: one platform thread per actor (producer, consumer or producing consumer), each with its own
 * connection and one request in flight; one progress printer; the client's event loops. Each actor
 * records into its own {@link org.iggyj.bench.ActorRecorder}; results are merged after all actors end.
 */
package org.iggyj.bench;
