package org.iggyj.kernel.storage;

import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.iggyj.spi.ReadableFileRegion;

/**
 * A range of a segment's {@code .log} to be sent as it is stored (sendfile on plain TCP). It holds a
 * reference to the segment's {@link SharedLogFile} and gives it back when released, instead of
 * closing the channel as {@link DefaultFileRegion} would, since the channel is shared with the
 * segment and other regions. Being a {@link DefaultFileRegion}, native transports send it with
 * sendfile; a TLS channel reads it slice by slice instead ({@link ReadableFileRegion}).
 */
final class SegmentRegion extends DefaultFileRegion implements ReadableFileRegion {

    private final SharedLogFile file;

    /**
     * @param file     the log file; this region takes over one reference the caller acquired for it
     * @param position where the range starts in the file
     * @param count    its length in bytes
     */
    SegmentRegion(SharedLogFile file, long position, long count) {
        super(file.channel(), position, count);
        this.file = file;
    }

    @Override
    public int read(ByteBuffer target, long offset) throws IOException {
        return file.channel().read(target, position() + offset);
    }

    @Override
    protected void deallocate() {
        file.release();
    }
}
