package org.iggyj.spi;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;

/**
 * Event loop groups and channel classes owned by the kernel and shared by every transport, so a
 * deployment runs one set of I/O threads whatever transports it loads. The kernel shuts them down
 * after all endpoints are closed; transports never shut them down.
 */
public interface IoResources {

    /**
     * @return the group that accepts connections
     */
    EventLoopGroup acceptors();

    /**
     * @return the group that serves accepted connections
     */
    EventLoopGroup workers();

    /**
     * @return the server socket channel class matching the groups (epoll or NIO)
     */
    Class<? extends ServerChannel> serverChannelClass();

    /**
     * @return the datagram channel class matching the groups (epoll or NIO)
     */
    Class<? extends DatagramChannel> datagramChannelClass();
}
