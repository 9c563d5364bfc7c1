package org.iggyj.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;

/**
 * A fake Iggy node on a loopback port, for fault injection the real server cannot time deterministically:
 * it accepts every login and answers every command with an empty success, except send_messages, which it
 * answers as {@link OnSend} says, always after it has read the whole request (so the request is in flight
 * on the client when the fault happens).
 */
final class ScriptedNode implements AutoCloseable {

    /** What the node does with a send_messages request it has read. */
    enum OnSend {
        /** Answers with success. */
        ACK,
        /** Sends the server's unsolicited 8 {@code disconnected} notice and keeps the socket open. */
        DISCONNECT_NOTICE,
        /** Sends the 8 {@code disconnected} notice and closes, as a server that shuts down does. */
        DISCONNECT_NOTICE_AND_CLOSE,
        /** Closes the socket without answering. */
        CLOSE
    }

    private final ServerSocket listener;
    private final OnSend onSend;
    private final AtomicInteger sends = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedNode(OnSend onSend) throws IOException {
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.onSend = onSend;
        Thread acceptor = new Thread(this::acceptAll, "scripted-node-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    NodeAddress address() {
        return new NodeAddress("127.0.0.1", listener.getLocalPort());
    }

    /** @return how many send_messages requests the node has read in full */
    int sends() {
        return sends.get();
    }

    private void acceptAll() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread serve = new Thread(() -> serve(socket), "scripted-node-conn");
                serve.setDaemon(true);
                serve.start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] header = new byte[Frames.REQUEST_HEADER_LENGTH];
            while (true) {
                in.readFully(header);
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                int length = h.getInt();
                int command = h.getInt();
                in.readFully(new byte[length - Frames.MIN_REQUEST_LENGTH]);
                if (command == CommandCode.SEND_MESSAGES) {
                    sends.incrementAndGet();
                    if (onSend != OnSend.ACK) {
                        fail(out);
                        return;
                    }
                }
                // login_user's reply is the user id; every other reply here is empty
                out.write(reply(0, command == CommandCode.LOGIN_USER ? 4 : 0));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test ends
        }
    }

    private void fail(OutputStream out) throws IOException, InterruptedException {
        if (onSend == OnSend.CLOSE) {
            return;
        }
        out.write(reply(ErrorCode.DISCONNECTED.code(), 0));
        out.flush();
        if (onSend == OnSend.DISCONNECT_NOTICE) {
            // hold the socket open: the client must act on the notice alone, not on the close
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static byte[] reply(int status, int payloadLength) {
        return ByteBuffer.allocate(Frames.RESPONSE_HEADER_LENGTH + payloadLength).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(status).putInt(payloadLength).array();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
