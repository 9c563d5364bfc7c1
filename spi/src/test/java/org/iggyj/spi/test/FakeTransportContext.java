package org.iggyj.spi.test;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.HttpRoutes;
import org.iggyj.spi.ScrapeSource;
import org.iggyj.spi.TransportContext;

/**
 * A {@link TransportContext} for plugin tests: a writable {@link MapKernelConfig} standing for the
 * transport's section, a {@link RecordingDispatcher}, {@link FakeSessions}, an allocator (unpooled
 * by default, pooled on request) and NIO event loops created on first use of {@link #io()}.
 * Frame limits default to Iggy's: 10 MiB for control payloads and for send_messages.
 *
 * <p>Configure it from the test thread before starting the transport; close it after the
 * transport's endpoint to stop the event loops.
 */
public final class FakeTransportContext implements TransportContext, AutoCloseable {

    /** Iggy 0.8's limit on control command payloads: 10 MiB. */
    public static final long DEFAULT_MAX_CONTROL_PAYLOAD_BYTES = 10L * 1024 * 1024;

    private final MapKernelConfig config = new MapKernelConfig();
    private final RecordingDispatcher dispatcher = new RecordingDispatcher();
    private final FakeSessions sessions = new FakeSessions();
    private volatile ByteBufAllocator allocator = UnpooledByteBufAllocator.DEFAULT;
    private volatile FrameLimits limits =
            new FrameLimits(DEFAULT_MAX_CONTROL_PAYLOAD_BYTES, DEFAULT_MAX_CONTROL_PAYLOAD_BYTES);
    private volatile List<HttpRoutes> httpRoutes = List.of();
    private volatile List<ScrapeSource> scrapeSources = List.of();
    private FakeIoResources io;

    /**
     * Sets one config value of the transport's section.
     *
     * @param key   a dotted key relative to the section, such as {@code socket.nodelay}
     * @param value a Boolean, Number, String or List of strings
     * @return this context
     */
    public FakeTransportContext set(String key, Object value) {
        config.put(key, value);
        return this;
    }

    /**
     * @param maxSendPayloadBytes the send_messages payload limit to enforce
     * @return this context
     */
    public FakeTransportContext maxSendPayloadBytes(long maxSendPayloadBytes) {
        limits = new FrameLimits(limits.maxControlPayloadBytes(), maxSendPayloadBytes);
        return this;
    }

    /**
     * @param routes route sets contributed by other plugins, as the kernel would pass them
     * @return this context
     */
    public FakeTransportContext httpRoutes(List<HttpRoutes> routes) {
        httpRoutes = List.copyOf(routes);
        return this;
    }

    /**
     * @param sources texts exporters published, as the kernel would pass them
     * @return this context
     */
    public FakeTransportContext scrapeSources(List<ScrapeSource> sources) {
        scrapeSources = List.copyOf(sources);
        return this;
    }

    /**
     * Switches to Netty's pooled direct allocator, as the kernel uses.
     *
     * @return this context
     */
    public FakeTransportContext pooled() {
        allocator = PooledByteBufAllocator.DEFAULT;
        return this;
    }

    @Override
    public MapKernelConfig config() {
        return config;
    }

    @Override
    public RecordingDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public FakeSessions sessions() {
        return sessions;
    }

    @Override
    public ByteBufAllocator allocator() {
        return allocator;
    }

    @Override
    public synchronized FakeIoResources io() {
        if (io == null) {
            io = new FakeIoResources();
        }
        return io;
    }

    @Override
    public FrameLimits limits() {
        return limits;
    }

    @Override
    public List<HttpRoutes> httpRoutes() {
        return httpRoutes;
    }

    @Override
    public List<ScrapeSource> scrapeSources() {
        return scrapeSources;
    }

    /**
     * Stops the event loops if {@link #io()} created them.
     */
    @Override
    public synchronized void close() {
        if (io != null) {
            io.close();
            io = null;
        }
    }
}
