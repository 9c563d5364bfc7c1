package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Validates stored messages while reading a {@code .log} sequentially, for recovery and index
 * rebuilds. A message is valid when its length fields stay within the file (and below
 * {@link MessageFrame#MAX_MESSAGE_LENGTH}), its stored offset is the expected one and its XXH3-64
 * checksum matches bytes [8, end). Reads go through one direct window buffer that is refilled in
 * 1 MiB chunks and grown only for a larger message.
 *
 * <p>Not thread-safe: created, used and closed by one thread during a partition's recovery.
 */
final class SegmentScanner implements AutoCloseable {

    private static final int CHUNK_BYTES = 1 << 20;

    private ByteBuf window = Unpooled.directBuffer(CHUNK_BYTES);
    private long windowPosition;
    private FileChannel windowSource;

    /**
     * Scans the messages of {@code log} from {@code from} (expected to hold offset {@code expectedOffset})
     * up to {@code logSize}, adding an index entry to {@code sink} for each valid message, and stops at
     * the first invalid or incomplete one.
     *
     * @return the position just after the last valid message ({@code from} if none is)
     */
    long scan(FileChannel log, long from, long logSize, long expectedOffset, MutableSegmentIndex sink)
        throws IOException {
        long position = from;
        long offset = expectedOffset;
        while (true) {
            long length = validLength(log, position, logSize, offset);
            if (length < 0) {
                return position;
            }
            long timestampUs = window.getLongLE(at(position) + MessageFrame.TIMESTAMP_OFFSET);
            position += length;
            sink.add(position, timestampUs);
            offset++;
        }
    }

    /** Whether the bytes {@code [start, end)} of {@code log} are exactly one valid message at {@code offset}. */
    boolean isValidMessage(FileChannel log, long start, long end, long offset) throws IOException {
        return validLength(log, start, end, offset) == end - start;
    }

    /** Length of the valid message at {@code position} that ends at or before {@code limit}, or -1. */
    private long validLength(FileChannel log, long position, long limit, long expectedOffset) throws IOException {
        if (limit - position < MessageFrame.HEADER_LENGTH || !load(log, position, MessageFrame.HEADER_LENGTH)) {
            return -1;
        }
        long length = MessageFrame.length(window, at(position));
        if (length > MessageFrame.MAX_MESSAGE_LENGTH || length > limit - position || !load(log, position, length)) {
            return -1;
        }
        int at = at(position);
        if (window.getLongLE(at + MessageFrame.OFFSET_OFFSET) != expectedOffset
            || window.getLongLE(at + MessageFrame.CHECKSUM_OFFSET) != MessageFrame.checksum(window, at, (int) length)) {
            return -1;
        }
        return length;
    }

    private int at(long position) {
        return (int) (position - windowPosition);
    }

    /** Makes {@code [position, position + length)} of {@code log} available in the window; false at end of file. */
    private boolean load(FileChannel log, long position, long length) throws IOException {
        if (log == windowSource && position >= windowPosition
            && position + length <= windowPosition + window.writerIndex()) {
            return true;
        }
        int wanted = (int) Math.max(length, CHUNK_BYTES);
        if (window.capacity() < wanted) {
            window.release();
            window = Unpooled.directBuffer(wanted);
        }
        window.clear();
        windowSource = log;
        windowPosition = position;
        while (window.writerIndex() < wanted) {
            if (window.writeBytes(log, position + window.writerIndex(), wanted - window.writerIndex()) < 0) {
                break;
            }
        }
        return window.writerIndex() >= length;
    }

    @Override
    public void close() {
        window.release();
    }
}
