package org.iggyj.transport.quic;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Session;
import org.iggyj.spi.Sessions;

/**
 * One QUIC connection is one client session: opened when the connection becomes active (after the
 * handshake), closed when it goes away. Shared by all connections; state lives in the channel
 * attribute {@link #SESSION}.
 */
@Sharable
final class QuicConnectionHandler extends ChannelInboundHandlerAdapter {

    /** The connection's session, read by its streams. */
    static final AttributeKey<Session> SESSION = AttributeKey.valueOf("iggy.quic.session");

    private final Sessions sessions;

    QuicConnectionHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        QuicChannel connection = (QuicChannel) ctx.channel();
        InetSocketAddress peer = connection.remoteSocketAddress() instanceof InetSocketAddress inet ? inet
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        connection.attr(SESSION).set(sessions.open(TransportKind.QUIC, peer));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Session session = ctx.channel().attr(SESSION).getAndSet(null);
        if (session != null) {
            sessions.close(session);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed handshake (for one, a client without ALPN) or a broken connection: drop it.
        ctx.close();
    }
}
