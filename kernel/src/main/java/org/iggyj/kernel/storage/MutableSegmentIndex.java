package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The in-memory index of the active segment: growable primitive arrays (no boxing), appended to as
 * messages are written, truncated during recovery. Layout of the entries it writes: {@link SegmentIndex}.
 *
 * <p>Not thread-safe: used only by the partition's owning shard thread.
 */
final class MutableSegmentIndex implements SegmentIndex {

    private static final int INITIAL_CAPACITY = 1024;
    private static final int WRITE_CHUNK_ENTRIES = 4096;

    private int[] endPositions;
    private long[] timestamps;
    private int count;

    MutableSegmentIndex() {
        endPositions = new int[INITIAL_CAPACITY];
        timestamps = new long[INITIAL_CAPACITY];
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long endPosition(int i) {
        return Integer.toUnsignedLong(endPositions[i]);
    }

    @Override
    public long timestamp(int i) {
        return timestamps[i];
    }

    @Override
    public void close() {
        endPositions = new int[0];
        timestamps = new long[0];
        count = 0;
    }

    /** Appends the entry of the next message. */
    void add(long endPosition, long timestampUs) {
        if (count == endPositions.length) {
            int capacity = endPositions.length * 2;
            endPositions = Arrays.copyOf(endPositions, Math.max(capacity, INITIAL_CAPACITY));
            timestamps = Arrays.copyOf(timestamps, Math.max(capacity, INITIAL_CAPACITY));
        }
        endPositions[count] = (int) endPosition;
        timestamps[count] = timestampUs;
        count++;
    }

    /** Drops every entry from {@code newCount} on. */
    void truncate(int newCount) {
        count = Math.min(count, newCount);
    }

    /**
     * Writes entries {@code [from, count)} to the index file at their place ({@code from * 16}), in
     * chunks so that rebuilding a large index needs no large buffer.
     */
    void writeTo(FileChannel channel, int from) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(WRITE_CHUNK_ENTRIES * ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        long position = (long) from * ENTRY_LENGTH;
        for (int i = from; i < count; i++) {
            putEntry(chunk, i, endPositions[i], timestamps[i]);
            if (!chunk.hasRemaining() || i == count - 1) {
                chunk.flip();
                while (chunk.hasRemaining()) {
                    position += channel.write(chunk, position);
                }
                chunk.clear();
            }
        }
    }

    /** Puts one entry in file layout into {@code dst} at its position, advancing it (dst is little-endian). */
    static void putEntry(ByteBuffer dst, int relativeOffset, long endPosition, long timestampUs) {
        dst.putInt(relativeOffset);
        dst.putInt((int) endPosition);
        dst.putLong(timestampUs);
    }
}
