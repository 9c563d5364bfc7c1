package org.iggyj.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import org.iggyj.client.IggyClientException;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;

/**
 * A command's connection over plain TCP with a blocking socket: one request written, its reply read, on the
 * calling thread.
 *
 * <p>Design note: a command makes one connection and a few requests, then the JVM exits. The lean client's
 * Netty connection starts an event loop, loads the native epoll transport and sets up pooled allocator
 * arenas first: about a third of the classes {@code iggy ping} loaded, for nothing it needs. TLS, WebSocket
 * and QUIC still go through {@link PipelinedConnection}.
 *
 * <pre>
 * request:  length u32 LE (4 + payload) | command u32 LE | payload
 * reply:    status u32 LE | length u32 LE (payload)      | payload
 * </pre>
 *
 * Not thread-safe: the command's thread only.
 */
final class BlockingTcpConnection implements CliConnection {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int timeoutMs;

    private BlockingTcpConnection(Socket socket, int timeoutMs) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param host    server host
     * @param port    server TCP port
     * @param timeout how long the connection and each reply may take
     * @return the connection, not logged in
     * @throws IggyClientException {@code tcp_error} when the connection cannot be made
     */
    static BlockingTcpConnection connect(String host, int port, Duration timeout) {
        int timeoutMs = (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE);
        Socket socket = new Socket();
        try {
            // one request in flight: Nagle would hold a small request back waiting for an ack
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            return new BlockingTcpConnection(socket, timeoutMs);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new IggyClientException(ErrorCode.TCP_ERROR, "cannot connect to " + host + ":" + port + ": " + e);
        }
    }

    @Override
    public byte[] request(int command, Consumer<ByteBuf> payload) {
        ByteBuf frame = Unpooled.buffer(256);
        frame.writerIndex(Frames.REQUEST_HEADER_LENGTH);
        payload.accept(frame);
        frame.setIntLE(0, frame.writerIndex() - Frames.REQUEST_HEADER_LENGTH + Frames.MIN_REQUEST_LENGTH);
        frame.setIntLE(4, command);
        try {
            out.write(frame.array(), frame.arrayOffset(), frame.writerIndex());
            out.flush();
            int status = Integer.reverseBytes(in.readInt());
            int length = Integer.reverseBytes(in.readInt());
            if (length < 0) {
                close();
                throw new IggyClientException(ErrorCode.INVALID_FORMAT, "reply of " + Integer.toUnsignedString(length)
                        + " bytes is too large");
            }
            byte[] reply = new byte[length];
            in.readFully(reply);
            if (status != Frames.STATUS_OK) {
                throw new IggyClientException(status, command);
            }
            return reply;
        } catch (SocketTimeoutException e) {
            // a late reply could no longer be matched to its request
            close();
            throw new IggyClientException(ErrorCode.TCP_ERROR, "no reply within " + timeoutMs + " ms");
        } catch (EOFException e) {
            close();
            throw new IggyClientException(ErrorCode.CONNECTION_CLOSED, "connection closed");
        } catch (IOException e) {
            close();
            throw new IggyClientException(ErrorCode.TCP_ERROR, "connection failed: " + e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to tell the caller
        }
    }
}
