package org.iggyj.transport.quic;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Session;
import org.iggyj.spi.SessionRefusedException;
import org.iggyj.spi.Sessions;

/**
 * One QUIC connection is one client session: opened when the connection becomes active (after the
 * handshake), closed when it goes away; closed at once when the kernel refuses the session, and when
 * the kernel ends it (login timeout). Shared by all connections; state lives in the channel
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
        Session session;
        try {
            session = sessions.open(TransportKind.QUIC, peer, false, (errorCode, reason) -> closeFromKernel(connection));
        } catch (SessionRefusedException e) {
            // QUIC has no stream to answer on yet; the connection close says enough.
            connection.close();
            return;
        }
        connection.attr(SESSION).set(session);
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

    /** Login timeout: the connection ends; a request in flight on one of its streams is dropped. */
    private static void closeFromKernel(QuicChannel connection) {
        try {
            connection.eventLoop().execute(connection::close);
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down, the connection with it.
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed handshake (for one, a client without ALPN) or a broken connection: drop it.
        ctx.close();
    }
}
