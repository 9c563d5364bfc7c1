package org.iggyj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.iggyj.client.IggyClientException;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CLI's blocking TCP connection against a scripted peer on a loopback socket: framing and failures. */
@Timeout(30)
class BlockingTcpConnectionTest {

    private ServerSocket listener;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    @Test
    void shouldFrameTheRequestAndReturnTheReplyPayload() throws Exception {
        CompletableFuture<byte[]> request = serveOnce(0, "pong".getBytes(StandardCharsets.UTF_8));
        try (BlockingTcpConnection c = connect(Duration.ofSeconds(10))) {
            byte[] reply = c.request(CommandCode.GET_STREAM, out -> out.writeBytes(new byte[] {7, 8, 9}));
            assertArrayEquals("pong".getBytes(StandardCharsets.UTF_8), reply);
        }
        ByteBuffer frame = ByteBuffer.wrap(request.get()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4 + 3, frame.getInt(), "length covers the command code and the payload");
        assertEquals(CommandCode.GET_STREAM, frame.getInt());
        assertEquals(7, frame.get());
    }

    @Test
    void shouldThrowTheServersStatusWhenItIsNotZero() throws Exception {
        serveOnce(ErrorCode.INVALID_CREDENTIALS.code(), new byte[0]);
        try (BlockingTcpConnection c = connect(Duration.ofSeconds(10))) {
            IggyClientException e = assertThrows(IggyClientException.class, () -> c.login("iggy", "wrong"));
            assertEquals(ErrorCode.INVALID_CREDENTIALS.code(), e.status());
        }
    }

    @Test
    void shouldReportConnectionClosedWhenThePeerHangsUpBeforeReplying() throws Exception {
        CompletableFuture.runAsync(() -> {
            try (Socket s = listener.accept()) {
                s.getInputStream().read(new byte[8]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (BlockingTcpConnection c = connect(Duration.ofSeconds(10))) {
            IggyClientException e = assertThrows(IggyClientException.class, c::ping);
            assertEquals(ErrorCode.CONNECTION_CLOSED.code(), e.status());
        }
    }

    @Test
    void shouldGiveUpWithTcpErrorWhenNoReplyComesInTime() throws Exception {
        CompletableFuture<Socket> silent = CompletableFuture.supplyAsync(() -> {
            try {
                return listener.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (BlockingTcpConnection c = connect(Duration.ofMillis(300))) {
            IggyClientException e = assertThrows(IggyClientException.class, c::ping);
            assertEquals(ErrorCode.TCP_ERROR.code(), e.status());
        } finally {
            silent.get().close();
        }
    }

    @Test
    void shouldFailWithTcpErrorWhenNothingListens() throws IOException {
        int port = listener.getLocalPort();
        listener.close();
        IggyClientException e = assertThrows(IggyClientException.class,
                () -> BlockingTcpConnection.connect("127.0.0.1", port, Duration.ofSeconds(10)));
        assertEquals(ErrorCode.TCP_ERROR.code(), e.status());
    }

    private BlockingTcpConnection connect(Duration timeout) {
        return BlockingTcpConnection.connect("127.0.0.1", listener.getLocalPort(), timeout);
    }

    /** Accepts one connection, reads one request frame, answers with {@code status} and {@code payload}. */
    private CompletableFuture<byte[]> serveOnce(int status, byte[] payload) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = listener.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] head = new byte[8];
                in.readFully(head);
                int length = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
                byte[] frame = new byte[4 + length];
                System.arraycopy(head, 0, frame, 0, 8);
                in.readFully(frame, 8, length - 4);
                OutputStream out = s.getOutputStream();
                out.write(ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(status).putInt(payload.length).put(payload).array());
                out.flush();
                in.read(); // until the client closes
                return frame;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
