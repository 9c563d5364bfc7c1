package org.iggyj.kernel.io;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.iggyj.spi.IoResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty event loops for all transports: native epoll where the platform has it, NIO otherwise.
 * Thread-safe; closed once by the server after every endpoint.
 */
public final class KernelIo implements IoResources, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelIo.class);

    private final boolean epoll;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;

    /**
     * @param workerThreads number of I/O worker threads
     */
    public KernelIo(int workerThreads) {
        this.epoll = Epoll.isAvailable() && !Boolean.getBoolean("iggy.io.nio");
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("iggy-accept"), factory);
        this.workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("iggy-io"), factory);
        LOG.info("I/O: {} with {} worker threads", epoll ? "native epoll" : "NIO", workerThreads);
    }

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
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    @Override
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    @Override
    public void close() {
        acceptors.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
