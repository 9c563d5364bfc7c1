package org.iggyj.distribution;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A raw Iggy ping (binary protocol, command 1), sent by hand so a test proves a transport serves without
 * any client library: a running server answers {@link #EMPTY_OK}.
 */
final class IggyPing {

    /** The frame: length 4, command code 1, no payload. */
    static final byte[] REQUEST = {4, 0, 0, 0, 1, 0, 0, 0};
    /** The reply: status 0, length 0. */
    static final byte[] EMPTY_OK = {0, 0, 0, 0, 0, 0, 0, 0};

    private IggyPing() {
    }

    /** @return the 8-byte reply to a ping on the TCP transport at {@code port} */
    static byte[] overTcp(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(REQUEST);
            out.flush();
            byte[] reply = new byte[8];
            new DataInputStream(socket.getInputStream()).readFully(reply);
            return reply;
        }
    }

    /** @return the reply to a ping in a binary message on the WebSocket transport at {@code port} */
    static byte[] overWebSocket(int port) throws Exception {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                reply.complete(bytes);
                return null;
            }
        };
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), listener).get(30, TimeUnit.SECONDS);
        try {
            ws.sendBinary(ByteBuffer.wrap(REQUEST), true).get(30, TimeUnit.SECONDS);
            return reply.get(30, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }
}
