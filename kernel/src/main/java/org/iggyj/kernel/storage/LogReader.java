package org.iggyj.kernel.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads of one partition log, copied or as file regions, and the readable end they stop at: offsets from
 * the readable end on are written but not served yet ({@link PartitionLog#setReadableEnd}).
 *
 * <p>Threading: reads run on the partition's shard thread, as every change to the {@link SegmentList};
 * {@link #readableEnd()} is a single-writer volatile field any thread may read.
 *
 * <p>Design note: a read is located in two passes over the segment indexes, first the last offset that
 * keeps it within {@link #MAX_READ_BYTES}, then the byte ranges; so a copied read allocates its buffer once,
 * at its exact size, and a region read hands out one region per segment touched.
 */
final class LogReader {

    /** Largest number of bytes one read returns (it returns at least one message). */
    static final long MAX_READ_BYTES = 1L << 30;

    private final SegmentList segments;
    /** Offsets from here on are written but not readable; {@code Long.MAX_VALUE} when all are readable. */
    private volatile long readableEnd = Long.MAX_VALUE;

    LogReader(SegmentList segments) {
        this.segments = segments;
    }

    long readableEnd() {
        return readableEnd;
    }

    /** See {@link PartitionLog#setReadableEnd}. */
    void setReadableEnd(long end) {
        if (end < readableEnd && readableEnd != Long.MAX_VALUE || end < 0) {
            throw new IllegalArgumentException("partition " + segments.dir() + ": readable end cannot move back from "
                + readableEnd + " to " + end);
        }
        if (end != Long.MAX_VALUE && end > segments.nextOffset()) {
            throw new IllegalArgumentException("partition " + segments.dir() + ": readable end " + end
                + " is beyond the written messages (next offset " + segments.nextOffset() + ")");
        }
        readableEnd = end;
    }

    /** The offset after the last readable one: the next offset, or the readable end when it is below. */
    long readableNext() {
        return Math.min(segments.nextOffset(), readableEnd);
    }

    /** After a purge: a log still written ahead of publication is so from the new start. */
    void onPurged() {
        if (readableEnd != Long.MAX_VALUE) {
            readableEnd = 0;
        }
    }

    ReadResult read(long startOffset, int maxCount, ByteBufAllocator alloc) throws IOException {
        long start = Math.max(startOffset, segments.firstOffset());
        long last = lastToRead(startOffset, start, maxCount);
        if (last < start) {
            return new ReadResult(Unpooled.EMPTY_BUFFER, 0, start);
        }
        return new ReadResult(readRange(segments.indexOf(start), start, last, alloc), (int) (last - start + 1), start);
    }

    RegionRead readRegions(long startOffset, int maxCount) throws IOException {
        long start = Math.max(startOffset, segments.firstOffset());
        long last = lastToRead(startOffset, start, maxCount);
        if (last < start) {
            return new RegionRead(List.of(), 0, start, 0);
        }
        List<FileRegion> regions = new ArrayList<>(2);
        long total = 0;
        for (int i = segments.indexOf(start); touches(i, last); i++) {
            Segment segment = segments.get(i);
            if (segment.messagesCount() == 0) {
                continue;
            }
            long startPosition = segment.index().startPosition(firstIn(segment, start));
            long endPosition = segment.index().endPosition(lastIn(segment, last));
            regions.add(segment.region(startPosition, endPosition));
            total += endPosition - startPosition;
        }
        return new RegionRead(regions, (int) (last - start + 1), start, total);
    }

    ByteBuf readWritten(long start, int count, ByteBufAllocator alloc) throws IOException {
        long last = start + count - 1;
        if (count <= 0 || start < segments.firstOffset() || last >= segments.nextOffset()) {
            throw new IllegalArgumentException("offsets " + start + ".." + last + " are not in the log ("
                + segments.firstOffset() + ".." + (segments.nextOffset() - 1) + ")");
        }
        return readRange(segments.indexOf(start), start, last, alloc);
    }

    /**
     * The last offset a read from {@code start} ({@code startOffset} raised to the first offset) returns, or
     * {@code start - 1} when it returns nothing.
     */
    private long lastToRead(long startOffset, long start, int maxCount) {
        long lastReadable = readableNext() - 1;
        boolean empty = segments.nextOffset() == segments.firstOffset();
        if (maxCount <= 0 || empty || startOffset > lastReadable || start > lastReadable) {
            return start - 1;
        }
        return lastWithinBudget(segments.indexOf(start), start, Math.min(lastReadable, start + maxCount - 1));
    }

    private ByteBuf readRange(int first, long start, long last, ByteBufAllocator alloc) throws IOException {
        long total = bytesBetween(first, start, last);
        ByteBuf data = alloc.directBuffer((int) total, (int) total);
        try {
            for (int i = first; touches(i, last); i++) {
                Segment segment = segments.get(i);
                if (segment.messagesCount() == 0) {
                    continue;
                }
                SegmentIndex index = segment.index();
                segment.read(data, index.startPosition(firstIn(segment, start)),
                    index.endPosition(lastIn(segment, last)));
            }
            return data;
        } catch (IOException | RuntimeException e) {
            // A failed read changes nothing on disk: this poll fails, the next one tries again.
            data.release();
            throw e;
        }
    }

    /** The last offset in {@code [start, wantedLast]} such that the read stays within {@link #MAX_READ_BYTES}. */
    private long lastWithinBudget(int first, long start, long wantedLast) {
        long budget = MAX_READ_BYTES;
        for (int i = first; touches(i, wantedLast); i++) {
            Segment segment = segments.get(i);
            if (segment.messagesCount() == 0) {
                continue;
            }
            SegmentIndex index = segment.index();
            int from = firstIn(segment, start);
            int to = lastIn(segment, wantedLast);
            long startPosition = index.startPosition(from);
            int fitting = index.lastEndingAtOrBefore(from, to, startPosition + budget);
            if (fitting < to) {
                boolean nothingYet = budget == MAX_READ_BYTES;
                return segment.baseOffset() + (fitting < from && nothingYet ? from : fitting);
            }
            budget -= index.endPosition(to) - startPosition;
        }
        return wantedLast;
    }

    private long bytesBetween(int first, long start, long last) {
        long total = 0;
        for (int i = first; touches(i, last); i++) {
            Segment segment = segments.get(i);
            if (segment.messagesCount() == 0) {
                continue;
            }
            total += segment.index().endPosition(lastIn(segment, last))
                - segment.index().startPosition(firstIn(segment, start));
        }
        return total;
    }

    /** Whether the {@code i}-th segment exists and starts at or before {@code last}. */
    private boolean touches(int i, long last) {
        return i < segments.size() && segments.get(i).baseOffset() <= last;
    }

    /** Position in {@code segment} of the first message a read from {@code start} takes from it. */
    private static int firstIn(Segment segment, long start) {
        return (int) (Math.max(start, segment.baseOffset()) - segment.baseOffset());
    }

    /** Position in {@code segment} of the last message a read up to {@code last} takes from it. */
    private static int lastIn(Segment segment, long last) {
        return (int) (Math.min(last, segment.endOffset() - 1) - segment.baseOffset());
    }

    /** See {@link PartitionLog#readableFileLengths()}. */
    Map<String, Long> readableFileLengths() {
        if (readableEnd == Long.MAX_VALUE) {
            return null;
        }
        Map<String, Long> lengths = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            long base = segment.baseOffset();
            if (base >= readableEnd && !(base == segments.firstOffset() && base == readableEnd)) {
                continue;
            }
            int served = (int) Math.min(segment.messagesCount(), readableEnd - base);
            long logLength = served == segment.messagesCount() ? segment.sizeBytes()
                : segment.index().startPosition(served);
            lengths.put(Segment.logPath(segments.dir(), base).getFileName().toString(), logLength);
            lengths.put(Segment.indexPath(segments.dir(), base).getFileName().toString(),
                (long) served * SegmentIndex.ENTRY_LENGTH);
        }
        return lengths;
    }

    /** First offset whose stored timestamp is {@code >= timestampUs} (binary search in the index), or -1. */
    long offsetAtOrAfterTimestamp(long timestampUs) {
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            SegmentIndex index = segment.index();
            int count = index.count();
            if (count > 0 && index.timestamp(count - 1) >= timestampUs) {
                return segment.baseOffset() + index.firstAtOrAfter(timestampUs);
            }
        }
        return -1;
    }

    /** The server timestamp of the last written message, µs; 0 when the log is empty. */
    long lastTimestampUs() {
        for (int i = segments.size() - 1; i >= 0; i--) {
            SegmentIndex index = segments.get(i).index();
            if (index.count() > 0) {
                return index.timestamp(index.count() - 1);
            }
        }
        return 0;
    }
}
