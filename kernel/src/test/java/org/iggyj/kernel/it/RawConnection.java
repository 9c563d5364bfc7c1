package org.iggyj.kernel.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written Iggy TCP client for tests that must put exact (or wrong) bytes on the wire:
 * little-endian frames built with a {@link ByteBuffer}, replies read as (status, payload).
 * Not thread-safe; one request in flight.
 */
final class RawConnection implements AutoCloseable {

    static final int PING = 1;
    static final int GET_ME = 20;
    static final int LOGIN_USER = 38;
    static final int SEND_MESSAGES = 101;
    static final int CREATE_STREAM = 202;

    /** Bounds every blocking read so a server that stays silent fails the test instead of hanging it. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** One server answer: the status word and the payload that followed it. */
    record Reply(int status, byte[] payload) {

        ByteBuffer body() {
            return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    RawConnection(InetSocketAddress address) throws IOException {
        this(address, null);
    }

    /**
     * @param address the server
     * @param local   the local address to connect from (e.g. 127.0.0.2, to act as another source on
     *                loopback), or null for any
     */
    RawConnection(InetSocketAddress address, java.net.InetAddress local) throws IOException {
        socket = new Socket();
        if (local != null) {
            socket.bind(new InetSocketAddress(local, 0));
        }
        socket.connect(address, READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes a well-formed frame: length = 4 + payload, code, payload. */
    void write(int code, byte[] payload) throws IOException {
        ByteBuffer frame = le(8 + payload.length);
        frame.putInt(4 + payload.length).putInt(code).put(payload);
        out.write(frame.array());
        out.flush();
    }

    /** Writes arbitrary bytes, e.g. a frame header whose length field lies. */
    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Reply read() throws IOException {
        byte[] header = new byte[8];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int status = h.getInt();
        int length = h.getInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Reply(status, payload);
    }

    Reply call(int code, byte[] payload) throws IOException {
        write(code, payload);
        return read();
    }

    Reply ping() throws IOException {
        return call(PING, new byte[0]);
    }

    Reply login(String username, String password) throws IOException {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] pass = password.getBytes(StandardCharsets.UTF_8);
        ByteBuffer p = le(1 + user.length + 1 + pass.length + 4 + 4);
        p.put((byte) user.length).put(user).put((byte) pass.length).put(pass).putInt(0).putInt(0);
        return call(LOGIN_USER, p.array());
    }

    /**
     * A send_messages payload with balanced partitioning, numeric stream and topic ids and one
     * message per given payload (ids 0, no user headers).
     */
    static byte[] sendMessagesPayload(int streamId, int topicId, String... payloads) {
        int metadataLength = 6 + 6 + 2 + 4;
        int messagesSize = 0;
        for (String s : payloads) {
            messagesSize += 64 + s.getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer p = le(4 + metadataLength + 16 * payloads.length + messagesSize);
        p.putInt(metadataLength);
        p.put((byte) 1).put((byte) 4).putInt(streamId);
        p.put((byte) 1).put((byte) 4).putInt(topicId);
        p.put((byte) 1).put((byte) 0);
        p.putInt(payloads.length);
        int position = 0;
        for (String s : payloads) {
            position += 64 + s.getBytes(StandardCharsets.UTF_8).length;
            p.putInt(0).putInt(position).putLong(0);
        }
        for (String s : payloads) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            p.putLong(0);            // checksum
            p.putLong(0).putLong(0); // id 0: server assigns
            p.putLong(0);            // offset
            p.putLong(0);            // timestamp
            p.putLong(0);            // origin timestamp
            p.putInt(0);             // user headers length
            p.putInt(bytes.length);  // payload length
            p.putLong(0);            // reserved
            p.put(bytes);
        }
        return p.array();
    }

    static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
