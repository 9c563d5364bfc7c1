package org.iggyj.kernel.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The in-memory index of the active segment: primitive arrays in fixed-size blocks (no boxing), appended
 * to as messages are written, truncated during recovery. Layout of the entries it writes: {@link SegmentIndex}.
 *
 * <p>Design note: blocks rather than one array grown by doubling. A 1 GiB segment of 1 KiB messages holds
 * a million entries; doubling copied every entry again at each step and allocated multi-megabyte arrays
 * that G1 places in fresh humongous regions, zeroed and page-faulted in on the shard thread: about a tenth
 * of the shard's CPU while producing (perf, docs/benchmarks-history.md "Fifth session"). A block is allocated once,
 * never copied, and stays below G1's humongous size.
 *
 * <p>Not thread-safe: used only by the partition's owning shard thread.
 */
final class MutableSegmentIndex implements SegmentIndex {

    /** Entries per block: 16 KiB of positions and 32 KiB of timestamps. */
    static final int BLOCK_SHIFT = 12;
    static final int BLOCK_ENTRIES = 1 << BLOCK_SHIFT;
    private static final int BLOCK_MASK = BLOCK_ENTRIES - 1;
    private static final int WRITE_CHUNK_ENTRIES = 4096;

    private int[][] endPositions = new int[16][];
    private long[][] timestamps = new long[16][];
    private int count;

    @Override
    public int count() {
        return count;
    }

    @Override
    public long endPosition(int i) {
        return Integer.toUnsignedLong(endPositions[i >>> BLOCK_SHIFT][i & BLOCK_MASK]);
    }

    @Override
    public long timestamp(int i) {
        return timestamps[i >>> BLOCK_SHIFT][i & BLOCK_MASK];
    }

    @Override
    public void close() {
        endPositions = new int[0][];
        timestamps = new long[0][];
        count = 0;
    }

    /** Appends the entry of the next message. */
    void add(long endPosition, long timestampUs) {
        int block = count >>> BLOCK_SHIFT;
        int slot = count & BLOCK_MASK;
        if (slot == 0 && (block == endPositions.length || endPositions[block] == null)) {
            addBlock(block);
        }
        endPositions[block][slot] = (int) endPosition;
        timestamps[block][slot] = timestampUs;
        count++;
    }

    /** Blocks stay allocated after a truncation and are reused by later appends. */
    private void addBlock(int block) {
        if (block == endPositions.length) {
            int blocks = Math.max(16, block * 2);
            endPositions = Arrays.copyOf(endPositions, blocks);
            timestamps = Arrays.copyOf(timestamps, blocks);
        }
        endPositions[block] = new int[BLOCK_ENTRIES];
        timestamps[block] = new long[BLOCK_ENTRIES];
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
            putEntry(chunk, i, endPosition(i), timestamp(i));
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
