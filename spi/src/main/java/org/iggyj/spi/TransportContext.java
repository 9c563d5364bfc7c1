package org.iggyj.spi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Optional;

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

    /**
     * The transport's TLS certificate and key when its configuration enables TLS ({@code tls.enabled},
     * or always for transports that require it, such as QUIC).
     *
     * @return the material, or empty when TLS is off for this transport
     */
    default Optional<TlsMaterial> tls() {
        return Optional.empty();
    }

    /**
     * Where the transport registers its meters (connections, requests); published by every exporter.
     *
     * @return the kernel's registry; a registry that records nothing when no exporter runs
     */
    default MeterRegistry meters() {
        return new CompositeMeterRegistry();
    }

    /**
     * Texts exporters published for serving over HTTP (e.g. {@code /metrics}), so that plugins never
     * call each other.
     *
     * @return the sources, possibly empty
     */
    default List<ScrapeSource> scrapeSources() {
        return List.of();
    }

    /**
     * Waiting for data in a partition without blocking a thread (long poll), see {@link DataWaits}.
     *
     * @return the kernel's waits; {@link DataWaits#TIMEOUT_ONLY} for a kernel without the primitive
     */
    default DataWaits dataWaits() {
        return DataWaits.TIMEOUT_ONLY;
    }

    /**
     * Route sets other plugins contributed ({@link HttpRouteProvider}), for an HTTP transport to mount
     * under their prefixes; other transports ignore them.
     *
     * @return the running route sets, possibly empty
     */
    default List<HttpRoutes> httpRoutes() {
        return List.of();
    }
}
