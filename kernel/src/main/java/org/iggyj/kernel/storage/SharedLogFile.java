package org.iggyj.kernel.storage;

import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segment's open {@code .log} channel, reference-counted so that replies sent straight from the
 * file ({@link SegmentRegion}) outlive the segment: the segment holds one reference, each region in
 * flight one more, and the channel closes when the last goes. A deleted segment's file thus stays
 * readable (its inode lives on while open) until every poll reading it has been written.
 *
 * <p>Thread-safe (atomic reference count): regions are released on the transport's event loop.
 */
final class SharedLogFile extends AbstractReferenceCounted {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLogFile.class);

    private final FileChannel channel;
    private final FileChannel sendfileChannel;

    SharedLogFile(FileChannel channel) {
        this.channel = channel;
        this.sendfileChannel = channel instanceof DelegatingChannel wrapper ? wrapper.delegate() : channel;
    }

    /** The channel for file regions (the JDK's own); valid while the caller holds a reference. */
    FileChannel channel() {
        return sendfileChannel;
    }

    @Override
    protected void deallocate() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("failed to close a segment log file", e);
        }
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        return this;
    }
}
