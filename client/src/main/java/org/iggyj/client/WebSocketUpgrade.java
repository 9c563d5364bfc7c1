package org.iggyj.client;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * Adds the WebSocket client handlers: the HTTP upgrade to {@code ws://host:port/} (or {@code wss}),
 * no subprotocol, as the Rust SDK connects, then {@link WebSocketFrames}; once upgraded, the server's frames
 * are read by {@link WebSocketPayloads}. Stateless.
 */
final class WebSocketUpgrade {

    /** The upgrade response has no body; this only bounds a misbehaving server. */
    private static final int MAX_UPGRADE_RESPONSE_BYTES = 64 * 1024;
    /** A poll reply travels as one message and can be large. */
    private static final int MAX_FRAME_BYTES = Integer.MAX_VALUE;

    private WebSocketUpgrade() {
    }

    /**
     * @param payloads the decoder to install once upgraded, or null for Netty's aggregating one
     */
    static void addHandlers(ChannelPipeline pipeline, String host, int port, boolean secure,
                            WebSocketPayloads payloads) {
        URI uri = URI.create((secure ? "wss" : "ws") + "://" + hostForUri(host) + ":" + port + "/");
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .withUTF8Validator(false)
                .build();
        WebSocketClientHandshaker handshaker = payloads == null
                ? new WebSocketClientHandshaker13(uri, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE,
                        MAX_FRAME_BYTES)
                : new StreamingHandshaker(uri, payloads);
        pipeline.addLast("http-codec", new HttpClientCodec())
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES))
                .addLast("websocket", new WebSocketClientProtocolHandler(handshaker, config))
                .addLast("binary-messages", new WebSocketFrames());
    }

    /** The RFC 6455 handshake of Netty, with {@link WebSocketPayloads} as the decoder it installs. */
    private static final class StreamingHandshaker extends WebSocketClientHandshaker13 {

        private final WebSocketPayloads payloads;

        StreamingHandshaker(URI uri, WebSocketPayloads payloads) {
            super(uri, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, MAX_FRAME_BYTES);
            this.payloads = payloads;
        }

        /** Called once, when the upgrade completes. */
        @Override
        protected WebSocketFrameDecoder newWebsocketDecoder() {
            return payloads;
        }
    }

    private static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
