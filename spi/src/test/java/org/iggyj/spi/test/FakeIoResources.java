package org.iggyj.spi.test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.TimeUnit;
import org.iggyj.spi.IoResources;

/**
 * NIO event loops for plugin tests: one acceptor thread and two worker threads, started on
 * construction and shut down by {@link #close()}, as the kernel does after closing every endpoint.
 */
public final class FakeIoResources implements IoResources, AutoCloseable {

    private final EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @Override
    public EventLoopGroup acceptors() {
        return acceptors;
    }

    @Override
    public EventLoopGroup workers() {
        return workers;
    }

    @Override
    public Class<? extends ServerChannel> serverChannelClass() {
        return NioServerSocketChannel.class;
    }

    @Override
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return NioDatagramChannel.class;
    }

    /**
     * Shuts both groups down with no quiet period and waits for their threads to end.
     */
    @Override
    public void close() {
        acceptors.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        acceptors.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }
}
