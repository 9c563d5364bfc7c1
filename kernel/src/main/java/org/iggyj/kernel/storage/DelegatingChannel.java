package org.iggyj.kernel.storage;

import java.nio.channels.FileChannel;

/**
 * Implemented by a {@link FileChannel} that a {@link FileOpener} wraps around the JDK's own (a test's
 * fault-injecting channel): file regions sent with sendfile use {@link #delegate()}, because native
 * transports read the file descriptor straight out of the JDK's channel class.
 */
public interface DelegatingChannel {

    /** @return the JDK channel underneath, open as long as the wrapper is */
    FileChannel delegate();
}
