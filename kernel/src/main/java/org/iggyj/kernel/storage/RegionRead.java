package org.iggyj.kernel.storage;

import io.netty.channel.FileRegion;
import java.util.List;

/**
 * Messages located in a {@link PartitionLog} without being read: {@code count} messages starting at
 * {@code firstOffset}, stored back to back across the file {@code regions} in order (one per segment
 * touched). The caller owns the regions and releases each, usually by writing it to a channel.
 *
 * @param regions     file ranges of the messages, empty when {@code count == 0}
 * @param count       number of messages
 * @param firstOffset offset of the first message; when {@code count == 0} the (clamped) offset asked for
 * @param bytes       total length of the regions
 */
public record RegionRead(List<FileRegion> regions, int count, long firstOffset, long bytes) {
}
