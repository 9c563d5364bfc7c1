package org.iggyj.spi;

import io.netty.channel.FileRegion;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file region of a {@link Reply} that a transport can also read into memory piece by piece, for a
 * channel that must transform the bytes before they leave (TLS encrypts them; sendfile cannot).
 *
 * <p>Design note: {@code DefaultFileRegion} offers only {@code transferTo(WritableByteChannel)}, which for a
 * target that is not a socket goes through the JDK's 8 KiB bounce buffer: two copies. A positional read
 * straight into the buffer the TLS engine then encrypts is one. Thread-safe as the underlying file channel
 * is (positional reads do not move a shared position).
 */
public interface ReadableFileRegion extends FileRegion {

    /**
     * Reads bytes of the region into {@code target}, as {@code FileChannel.read(target, position)} does.
     *
     * @param target where the bytes go, up to its remaining space
     * @param offset where to start, counted from the region's first byte
     * @return the number of bytes read, possibly 0; -1 when the file ends before {@code offset}
     * @throws IOException if the file cannot be read
     */
    int read(ByteBuffer target, long offset) throws IOException;
}
