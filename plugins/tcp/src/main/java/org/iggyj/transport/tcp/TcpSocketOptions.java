package org.iggyj.transport.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import org.iggyj.spi.KernelConfig;

/**
 * Applies the {@code [tcp.socket]} settings to accepted connections.
 *
 * <p>TCP_NODELAY is on unless {@code override_defaults = true} says otherwise: the protocol is
 * strict request/response with small frames, so Nagle's algorithm would hold back a reply until the
 * client's delayed ACK of the previous segment arrives, adding tens of milliseconds per round trip.
 * The Java SDK turns it on at its end for the same reason. Everything else stays at the OS default
 * unless overridden, as in Iggy.
 */
final class TcpSocketOptions {

    private TcpSocketOptions() {
    }

    /**
     * @param socket    the {@code [tcp.socket]} section
     * @param bootstrap the bootstrap whose child options to set
     * @throws IllegalArgumentException when a value is malformed or out of range
     */
    static void apply(KernelConfig socket, ServerBootstrap bootstrap) {
        if (!socket.bool("override_defaults", false)) {
            bootstrap.childOption(ChannelOption.TCP_NODELAY, true);
            return;
        }
        bootstrap.childOption(ChannelOption.TCP_NODELAY, socket.bool("nodelay", true));
        bootstrap.childOption(ChannelOption.SO_KEEPALIVE, socket.bool("keepalive", false));
        if (socket.has("recv_buffer_size")) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, intBytes(socket, "recv_buffer_size"));
        }
        if (socket.has("send_buffer_size")) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, intBytes(socket, "send_buffer_size"));
        }
        if (socket.has("linger")) {
            bootstrap.childOption(ChannelOption.SO_LINGER, (int) socket.duration("linger", null).toSeconds());
        }
    }

    private static int intBytes(KernelConfig socket, String key) {
        long bytes = socket.bytes(key, 0);
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("[tcp.socket] " + key + " out of range: " + bytes);
        }
        return (int) bytes;
    }
}
