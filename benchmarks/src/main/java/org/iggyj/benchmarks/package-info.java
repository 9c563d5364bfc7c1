/**
 * JMH micro-benchmarks of the server's hot paths: decoding and validating a send_messages batch
 * ({@link org.iggyj.benchmarks.BatchCodecBenchmark}), appending a batch to a partition log without
 * fsync ({@link org.iggyj.benchmarks.AppendBenchmark}) and finding messages by offset and timestamp
 * in the segment indexes ({@link org.iggyj.benchmarks.IndexLookupBenchmark}); and the client's walk over a
 * poll reply, cold and compiled ({@link org.iggyj.benchmarks.PollDecodeBenchmark}). Compiled by the build,
 * run by hand; see {@code docs/benchmarks.md}.
 */
package org.iggyj.benchmarks;
