package org.iggyj.kernel.storage;

/**
 * What retention needs to know about the oldest sealed segment of a partition log.
 *
 * @param baseOffset       offset of its first message
 * @param lastOffset       offset of its last message
 * @param firstTimestampUs server timestamp of its first message, µs
 * @param lastTimestampUs  server timestamp of its last message, µs
 * @param sizeBytes        size of its {@code .log}
 */
public record SealedSegment(long baseOffset, long lastOffset, long firstTimestampUs, long lastTimestampUs,
                            long sizeBytes) {
}
