package org.iggyj.spi;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every stream (TCP-socket) transport shares: a server socket bound on the kernel's event loops
 * with the channel class it picked and the kernel's allocator, and an {@link Endpoint} that closes it in
 * the order the contract asks: stop accepting, then let the transport say goodbye to and close its open
 * connections, each step bounded. The transport keeps what is its own: the pipeline (including TLS, from
 * {@link TransportContext#tls()}), how it tracks and closes its connections, what it logs on start.
 *
 * <pre>{@code
 * Endpoint start(TransportContext ctx) throws InterruptedException {
 *     ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
 *     return StreamListener.builder(NAME, ctx, BindAddress.parse(NAME, address, false))
 *             .childHandler(new MyInitializer(ctx, open))
 *             .onClose(timeout -> open.close().awaitUninterruptibly(timeout.toMillis()))
 *             .bind();
 * }
 * }</pre>
 *
 * <p>Defaults, each overridable through {@link Builder#childOption} or {@link Builder#configure}:
 * {@code SO_REUSEADDR} on the listener (a restarted server binds while old connections sit in
 * TIME_WAIT), the kernel's allocator on listener and connections, and {@code TCP_NODELAY} on connections
 * (request/response protocols with small frames: Nagle would hold a reply back for the client's delayed
 * ACK).
 *
 * <p>Thread-safety: built and bound on the kernel's startup thread; {@link #close()} is idempotent, may be
 * called from any thread but an event loop (it blocks until done, bounded per step).
 */
public final class StreamListener implements Endpoint {

    /** How long each closing step waits at most. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(StreamListener.class);

    /** One closing step of the transport's, run after the listener stopped accepting. */
    @FunctionalInterface
    public interface CloseStep {
        /**
         * @param timeout how long the step may wait for connections to close
         */
        void close(Duration timeout);
    }

    private final String name;
    private final Channel serverChannel;
    private final SocketAddress boundAddress;
    private final List<CloseStep> closeSteps;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamListener(String name, Channel serverChannel, List<CloseStep> closeSteps) {
        this.name = name;
        this.serverChannel = serverChannel;
        this.boundAddress = serverChannel.localAddress();
        this.closeSteps = List.copyOf(closeSteps);
    }

    /**
     * @param name        the transport's name, for the log
     * @param context     the kernel's context: event loops, channel class and allocator
     * @param bindAddress where to listen (see {@link BindAddress}); port 0 for an ephemeral port
     * @return a builder; nothing is bound until {@link Builder#bind()}
     */
    public static Builder builder(String name, TransportContext context, InetSocketAddress bindAddress) {
        return new Builder(name, context, bindAddress);
    }

    /** @return the address actually bound */
    @Override
    public SocketAddress address() {
        return boundAddress;
    }

    /**
     * Stops accepting, then runs the transport's close steps in the order they were added. Idempotent;
     * blocks (each step bounded by {@link #CLOSE_TIMEOUT}); never call it from an event loop.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis());
        for (CloseStep step : closeSteps) {
            step.close(CLOSE_TIMEOUT);
        }
        LOG.info("{} transport on {} closed", name, boundAddress);
    }

    /** Collects what is the transport's own, then binds. Used on the startup thread only. */
    public static final class Builder {

        private final String name;
        private final InetSocketAddress bindAddress;
        private final ServerBootstrap bootstrap;
        private final List<CloseStep> closeSteps = new ArrayList<>();
        private boolean handlerSet;

        private Builder(String name, TransportContext context, InetSocketAddress bindAddress) {
            this.name = Objects.requireNonNull(name, "name");
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            IoResources io = context.io();
            this.bootstrap = new ServerBootstrap()
                    .group(io.acceptors(), io.workers())
                    .channel(io.serverChannelClass())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.ALLOCATOR, context.allocator())
                    .childOption(ChannelOption.ALLOCATOR, context.allocator())
                    .childOption(ChannelOption.TCP_NODELAY, true);
        }

        /**
         * @param initializer sets up each accepted connection's pipeline (TLS first, when on)
         * @return this builder
         */
        public Builder childHandler(ChannelHandler initializer) {
            bootstrap.childHandler(initializer);
            handlerSet = true;
            return this;
        }

        /**
         * @return this builder, with {@code option} set on every accepted connection (a later value wins)
         */
        public <T> Builder childOption(ChannelOption<T> option, T value) {
            bootstrap.childOption(option, value);
            return this;
        }

        /**
         * @param settings applies anything else to the bootstrap, e.g. socket options read from config
         * @return this builder
         */
        public Builder configure(Consumer<ServerBootstrap> settings) {
            settings.accept(bootstrap);
            return this;
        }

        /**
         * @param step run on {@link StreamListener#close()} after the listener stopped accepting, after the
         *             steps added before it: e.g. tell each connection the server is going away and close it
         * @return this builder
         */
        public Builder onClose(CloseStep step) {
            closeSteps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /**
         * @return the listener, bound
         * @throws InterruptedException when interrupted while binding
         * @throws IllegalStateException when no {@link #childHandler} was given
         */
        public StreamListener bind() throws InterruptedException {
            if (!handlerSet) {
                throw new IllegalStateException(name + ": no child handler");
            }
            Channel serverChannel = bootstrap.bind(bindAddress).sync().channel();
            return new StreamListener(name, serverChannel, closeSteps);
        }
    }
}
