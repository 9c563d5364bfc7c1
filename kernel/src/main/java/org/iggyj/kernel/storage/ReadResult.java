package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;

/**
 * Messages read from a {@link PartitionLog}: {@code count} messages back to back, exactly as stored
 * (wire layout of {@link MessageFrame}), starting at offset {@code firstOffset}.
 *
 * <p>The caller owns {@code data} and must release it; it is an empty buffer when {@code count == 0},
 * and then {@code firstOffset} is the (clamped) offset that was asked for.
 *
 * @param data        the message bytes, readable from {@code readerIndex} to {@code writerIndex}
 * @param count       number of messages in {@code data}
 * @param firstOffset offset of the first message in {@code data}
 */
public record ReadResult(ByteBuf data, int count, long firstOffset) {
}
