package org.iggyj.distribution;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.request.ConsumerOffsetRef;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.request.StoreConsumerOffset;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;

/**
 * A consumer group member on a hand-written TCP connection, for delete_consumer_offset, which the
 * official SDK 0.8 does not offer (membership is per connection, so join, store and delete must
 * share one). Payloads are encoded with the protocol module's request records.
 */
final class RawGroupMember implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Identifier stream;
    private final Identifier topic;
    private final Identifier group;

    /** Connects, logs in as iggy and joins the group. */
    RawGroupMember(int port, long stream, long topic, long group) throws IOException {
        this.stream = Identifier.numeric(stream);
        this.topic = Identifier.numeric(topic);
        this.group = Identifier.numeric(group);
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 30_000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        ByteBuf login = Unpooled.buffer();
        new LoginUser("iggy", "iggy", "", "").encode(login);
        expectOk(CommandCode.LOGIN_USER, login);
        ByteBuf join = Unpooled.buffer();
        new ConsumerGroupRef(this.stream, this.topic, this.group).encode(join);
        expectOk(CommandCode.JOIN_CONSUMER_GROUP, join);
    }

    /** store_consumer_offset of the group, as this member. */
    void store(long partition, long offset) throws IOException {
        ByteBuf p = Unpooled.buffer();
        new StoreConsumerOffset(Consumer.group(group), stream, topic, partition, offset).encode(p);
        expectOk(CommandCode.STORE_CONSUMER_OFFSET, p);
    }

    /** delete_consumer_offset of the group, as this member. */
    void delete(long partition) throws IOException {
        ByteBuf p = Unpooled.buffer();
        new ConsumerOffsetRef(Consumer.group(group), stream, topic, partition).encode(p);
        expectOk(CommandCode.DELETE_CONSUMER_OFFSET, p);
    }

    private void expectOk(int code, ByteBuf payload) throws IOException {
        byte[] body = new byte[payload.readableBytes()];
        payload.readBytes(body);
        ByteBuffer frame = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(4 + body.length).putInt(code).put(body);
        out.write(frame.array());
        out.flush();
        byte[] header = new byte[8];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int status = h.getInt();
        in.readFully(new byte[h.getInt()]);
        if (status != 0) {
            throw new AssertionError(CommandCode.name(code) + " failed with error " + status);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
