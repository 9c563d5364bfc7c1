package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.iggyj.kernel.storage.PartitionLogFixture.copied;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iggyj.spi.ReadableFileRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zero-copy reads: {@link PartitionLog#readRegions} and the lifetime of the regions it hands out. */
class SegmentRegionTest {

    @RegisterExtension
    final PartitionLogFixture logs = new PartitionLogFixture();

    private PartitionLog log;

    private void fill(int batches) throws IOException {
        log = logs.filled(batches);
    }

    private static byte[] drain(RegionRead read) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel sink = Channels.newChannel(out);
        for (FileRegion region : read.regions()) {
            while (region.transferred() < region.count()) {
                region.transferTo(sink, region.transferred());
            }
        }
        return out.toByteArray();
    }

    @Test
    void shouldLocateTheSameBytesAsACopyingReadAcrossSegments() throws IOException {
        fill(10);
        byte[] expected = copied(log, 3, 10);

        RegionRead read = log.readRegions(3, 10);
        try {
            assertEquals(10, read.count());
            assertEquals(3, read.firstOffset());
            assertEquals(2, read.regions().size(), "offsets 3..12 span segments 0 and 8");
            assertEquals(expected.length, read.bytes());
            assertArrayEquals(expected, drain(read));
        } finally {
            read.regions().forEach(FileRegion::release);
        }
    }

    @Test
    void shouldReadTheSameBytesPositionallyAsATlsChannelDoesInPieces() throws IOException {
        fill(10);
        byte[] expected = copied(log, 3, 10);

        RegionRead read = log.readRegions(3, 10);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        try {
            for (FileRegion region : read.regions()) {
                ReadableFileRegion readable = (ReadableFileRegion) region;
                // Odd piece sizes, as TlsRegionReader's slices fall anywhere in a message.
                for (long offset = 0; offset < region.count(); ) {
                    ByteBuffer piece = ByteBuffer.allocateDirect((int) Math.min(37, region.count() - offset));
                    while (piece.hasRemaining()) {
                        assertTrue(readable.read(piece, offset + piece.position()) >= 0, "file ended inside the region");
                    }
                    pieces.write(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(piece.flip())));
                    offset += piece.limit();
                }
                assertEquals(0, region.transferred(), "reading does not count as sending");
            }
        } finally {
            read.regions().forEach(FileRegion::release);
        }
        assertArrayEquals(expected, pieces.toByteArray());
    }

    @Test
    void shouldReturnNoRegionBeyondTheEnd() throws IOException {
        fill(2);

        RegionRead read = log.readRegions(4, 10);

        assertEquals(0, read.count());
        assertTrue(read.regions().isEmpty());
    }

    @Test
    void shouldKeepARegionReadableAfterItsSegmentIsDeleted() throws IOException {
        fill(10);
        byte[] expected = copied(log, 0, 8);
        RegionRead read = log.readRegions(0, 8);
        Path segmentLog = Segment.logPath(logs.dir(), 0);

        log.deleteOldestSealed();

        assertFalse(Files.exists(segmentLog));
        try {
            assertArrayEquals(expected, drain(read));
        } finally {
            read.regions().forEach(FileRegion::release);
        }
    }

    @Test
    void shouldKeepARegionReadableAfterTheLogIsClosedAndCloseTheFileWithTheLastRelease() throws IOException {
        fill(3);
        byte[] expected = copied(log, 0, 6);
        RegionRead read = log.readRegions(0, 6);
        DefaultFileRegion region = (DefaultFileRegion) read.regions().get(0);

        log.close();
        log = null;

        assertTrue(region.isOpen());
        assertArrayEquals(expected, drain(read));
        region.release();
        assertEquals(0, region.refCnt());
    }

    @Test
    void shouldNotCloseTheSegmentFileWhenARegionIsReleasedEarly() throws IOException {
        fill(3);
        byte[] expected = copied(log, 0, 6);

        log.readRegions(0, 6).regions().forEach(FileRegion::release);

        assertArrayEquals(expected, copied(log, 0, 6));
        RegionRead again = log.readRegions(0, 6);
        try {
            assertArrayEquals(expected, drain(again));
        } finally {
            again.regions().forEach(FileRegion::release);
        }
    }
}
