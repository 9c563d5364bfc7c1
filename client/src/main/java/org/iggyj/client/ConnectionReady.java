package org.iggyj.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Completes when a new connection can carry requests: at once for plain TCP, after the TLS handshake
 * for TLS-TCP, after the WebSocket upgrade for WebSocket; fails with the handshake's cause, or when
 * the connection closes first. Sits in the pipeline for the connection's life and does nothing once
 * completed. Confined to the channel's event loop.
 */
final class ConnectionReady extends ChannelInboundHandlerAdapter {

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final boolean waitForTls;
    private final boolean waitForWebSocket;

    ConnectionReady(boolean waitForTls, boolean waitForWebSocket) {
        this.waitForTls = waitForTls;
        this.waitForWebSocket = waitForWebSocket;
    }

    CompletableFuture<Void> future() {
        return ready;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!waitForTls && !waitForWebSocket) {
            ready.complete(null);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent tls) {
            if (!tls.isSuccess()) {
                ready.completeExceptionally(tls.cause());
            } else if (!waitForWebSocket) {
                ready.complete(null);
            }
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ready.complete(null);
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ready.completeExceptionally(new IllegalStateException("WebSocket upgrade timed out"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        ready.completeExceptionally(cause);
        super.exceptionCaught(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IllegalStateException("connection closed during the handshake"));
        super.channelInactive(ctx);
    }
}
