/**
 * JMH micro-benchmarks of the server's hot paths: decoding and validating a send_messages batch
 * ({@link org.iggyj.benchmarks.BatchCodecBenchmark}), appending a batch to a partition log without
 * fsync ({@link org.iggyj.benchmarks.AppendBenchmark}) and finding messages by offset and timestamp
 * in the segment indexes ({@link org.iggyj.benchmarks.IndexLookupBenchmark}). Compiled by the build,
 * run by hand; see {@code docs/benchmarks.md}.
 */
package org.iggyj.benchmarks;
