package org.iggyj.kernel.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A bare Kafka protocol connection for tests that need exact control over frames: requests and
 * responses are written and read with kafka-clients' own message classes, frames by hand.
 */
final class RawKafka implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    RawKafka(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Sends one request and reads its response. */
    @SuppressWarnings("unchecked")
    <T extends ApiMessage> T call(ApiKeys key, short version, ApiMessage request) throws IOException {
        RequestHeader header = new RequestHeader(key, version, "raw-test", ++correlationId);
        ByteBuffer bytes = RequestUtils.serialize(header.data(), header.headerVersion(), request, version);
        frame(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        ByteBuffer buffer = ByteBuffer.wrap(response);
        ResponseHeader responseHeader = ResponseHeader.parse(buffer, key.responseHeaderVersion(version));
        if (responseHeader.correlationId() != correlationId) {
            throw new IOException("correlation id " + responseHeader.correlationId() + ", expected " + correlationId);
        }
        return (T) AbstractResponse.parseResponse(key, new ByteBufferAccessor(buffer), version).data();
    }

    /** SASL/PLAIN login; returns the SaslAuthenticate error code. */
    short login(String username, String password) throws IOException {
        SaslHandshakeResponseData handshake = call(ApiKeys.SASL_HANDSHAKE, (short) 1,
                new SaslHandshakeRequestData().setMechanism("PLAIN"));
        if (handshake.errorCode() != 0) {
            return handshake.errorCode();
        }
        byte[] plain = ("\u0000" + username + "\u0000" + password).getBytes(StandardCharsets.UTF_8);
        SaslAuthenticateResponseData auth = call(ApiKeys.SASL_AUTHENTICATE, (short) 2,
                new SaslAuthenticateRequestData().setAuthBytes(plain));
        return auth.errorCode();
    }

    /** Writes a size prefix and these bytes as they are. */
    void frame(byte[] bytes, int offset, int length) throws IOException {
        out.writeInt(length);
        out.write(bytes, offset, length);
        out.flush();
    }

    /** Writes raw bytes without framing. */
    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** @return whether the server closed the connection (end of stream) within the socket timeout */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset also means the server dropped the connection.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
