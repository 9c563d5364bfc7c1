package org.iggyj.spi;

import io.netty.buffer.ByteBufAllocator;

/**
 * Everything the kernel hands a transport, and nothing more. All members are safe to call from
 * any thread.
 */
public interface TransportContext {

    /**
     * The transport's own config section ({@code [tcp]} for the TCP transport), read-only.
     *
     * @return the section view; missing keys fall back to the defaults the caller passes
     */
    KernelConfig config();

    /**
     * The one entry point for commands: every transport goes through it, so commands, permission
     * checks and error codes are implemented once.
     *
     * @return the dispatcher
     */
    CommandDispatcher dispatcher();

    /**
     * Opens and closes the per-connection sessions that hold authentication state.
     *
     * @return the session registry
     */
    Sessions sessions();

    /**
     * The kernel's pooled allocator; transports allocate request and reply buffers from it.
     *
     * @return the allocator
     */
    ByteBufAllocator allocator();

    /**
     * Event loops and the channel classes the kernel chose (epoll where available, NIO otherwise).
     * Transports start no threads of their own.
     *
     * @return the shared I/O resources
     */
    IoResources io();

    /**
     * Size limits every binary transport enforces before a request reaches the dispatcher.
     *
     * @return the limits
     */
    FrameLimits limits();
}
