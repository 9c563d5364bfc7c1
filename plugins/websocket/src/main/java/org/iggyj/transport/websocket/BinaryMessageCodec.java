package org.iggyj.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Between WebSocket messages and the binary protocol's bytes. Inbound, the payloads of binary
 * messages (and their continuation fragments) form one byte stream, as in Iggy 0.8, so a request
 * may span messages and a message may hold several requests; text messages and their fragments are
 * ignored. Outbound, every buffer (one whole reply, see
 * {@link org.iggyj.spi.wire.OrderedCommandHandler}) becomes exactly one binary message. One instance
 * per channel, confined to its event loop.
 */
final class BinaryMessageCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    private boolean inTextMessage;

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf reply, List<Object> out) {
        out.add(new BinaryWebSocketFrame(reply.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame) {
            inTextMessage = false;
            out.add(frame.content().retain());
        } else if (frame instanceof TextWebSocketFrame) {
            inTextMessage = !frame.isFinalFragment();
        } else if (frame instanceof ContinuationWebSocketFrame) {
            if (!inTextMessage) {
                out.add(frame.content().retain());
            } else if (frame.isFinalFragment()) {
                inTextMessage = false;
            }
        }
        // Pong frames are dropped by the protocol handler; ping and close it answers itself.
    }
}
