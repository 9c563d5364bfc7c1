package org.iggyj.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops client connections run on: native epoll where the platform has it (unless
 * {@code -Diggy.io.nio=true}), NIO otherwise. Many connections share one instance; thread-safe.
 * {@link #shared()} is a process-wide instance with daemon threads that is never closed.
 */
public final class ClientIo implements AutoCloseable {

    private static ClientIo shared;

    private final boolean epoll;
    private final EventLoopGroup group;

    private ClientIo(int threads, boolean daemon) {
        this.epoll = Epoll.isAvailable() && !Boolean.getBoolean("iggy.io.nio");
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("iggy-client", daemon),
                factory);
    }

    /**
     * @param threads event-loop threads (connections are spread over them)
     * @return a new instance the caller closes
     */
    public static ClientIo create(int threads) {
        return new ClientIo(threads, false);
    }

    /** @return the process-wide instance (daemon threads, one per available processor) */
    public static synchronized ClientIo shared() {
        if (shared == null) {
            shared = new ClientIo(Runtime.getRuntime().availableProcessors(), true);
        }
        return shared;
    }

    /** @return whether the native epoll transport is in use */
    public boolean nativeEpoll() {
        return epoll;
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends io.netty.channel.socket.DatagramChannel> datagramChannelClass() {
        return epoll ? io.netty.channel.epoll.EpollDatagramChannel.class
                : io.netty.channel.socket.nio.NioDatagramChannel.class;
    }

    Class<? extends SocketChannel> channelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Stops the event loops; connections on them are closed. Idempotent. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
