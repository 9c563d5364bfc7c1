package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.MessageChecks.poll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.it.RawConnection.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hand-made bad frames on a raw socket (binary-protocol.md §1.4, §7.1): each gets its error code,
 * the connection stays usable and in sync (the next ping answers 0), and a second connection, an
 * official SDK client, is unaffected throughout.
 */
@Timeout(120)
class MalformedFrameIT {

    private static final byte[] EMPTY_OK = {0, 0, 0, 0, 0, 0, 0, 0};

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;
    private IggyTcpClient bystander;
    private RawConnection raw;

    @BeforeEach
    void start() throws Exception {
        server = servers.start();
        bystander = server.loggedInClient();
        bystander.streams().createStream("raw");
        bystander.topics().createTopic(StreamId.of(0L), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), "t");
        raw = new RawConnection(server.tcpAddress());
    }

    @AfterEach
    void stop() throws IOException {
        raw.close();
        bystander.close();
    }

    /** The raw connection is in sync and the SDK connection still works. */
    private void assertHealthy() throws IOException {
        Reply ping = raw.ping();
        assertEquals(0, ping.status(), "ping after a bad frame");
        assertEquals(0, ping.payload().length);
        bystander.system().ping();
        assertEquals(List.of("raw"), bystander.streams().getStreams().stream().map(StreamBase::name).toList());
    }

    @Test
    void pingFrameIsExact() throws IOException {
        raw.writeRaw(new byte[] {4, 0, 0, 0, 1, 0, 0, 0});
        Reply reply = raw.read();
        assertEquals(0, reply.status());
        assertEquals(0, reply.payload().length);
    }

    @Test
    void lengthBelowFourIsInvalidCommand() throws IOException {
        ByteBuffer frame = RawConnection.le(8).putInt(2).putInt(RawConnection.PING);
        raw.writeRaw(frame.array());
        assertEquals(3, raw.read().status());
        assertHealthy();
    }

    @Test
    void unknownCommandCodeIsInvalidCommand() throws IOException {
        assertEquals(3, raw.call(999, new byte[0]).status());
        assertHealthy();
        // with a payload, which must be consumed too
        assertEquals(3, raw.call(999, new byte[] {1, 2, 3, 4, 5, 6, 7}).status());
        assertHealthy();
    }

    @Test
    void truncatedPayloadIsInvalidCommand() throws IOException {
        assertEquals(0, raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
        // name length says 10, 3 bytes follow
        assertEquals(3, raw.call(RawConnection.CREATE_STREAM, new byte[] {10, 'a', 'b', 'c'}).status());
        assertHealthy();
    }

    @Test
    void emptyNameIsInvalidFormat() throws IOException {
        assertEquals(0, raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
        assertEquals(4, raw.call(RawConnection.CREATE_STREAM, new byte[] {0}).status());
        assertHealthy();
        // a well-formed create_stream on the same connection works afterwards
        Reply created = raw.call(RawConnection.CREATE_STREAM, new byte[] {2, 'o', 'k'});
        assertEquals(0, created.status());
        assertEquals(1, created.body().getInt(), "second stream gets id 1");
    }

    @Test
    void sendMessagesWithoutLoginIsUnauthenticatedAndTheStreamStaysInSync() throws IOException {
        Reply reply = raw.call(RawConnection.SEND_MESSAGES, RawConnection.sendMessagesPayload(0, 0, "hello", "world"));
        assertEquals(40, reply.status());
        assertEquals(0, reply.payload().length);
        assertHealthy();
        // nothing was appended
        PolledMessages polled = poll(bystander, 0, 0, 0, PollingStrategy.first(), 10);
        assertEquals(List.of(), polled.messages());
    }

    @Test
    void oversizedControlFrameIsRejectedAndDrained() throws Exception {
        int size = 11 * 1024 * 1024;
        ByteBuffer header = RawConnection.le(8).putInt(4 + size).putInt(RawConnection.CREATE_STREAM);
        raw.writeRaw(header.array());
        // Written from another thread: a server that answers (or stops reading) before the payload
        // has been drained must not deadlock the test on a full socket buffer.
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            byte[] zeros = new byte[64 * 1024];
            try {
                for (int written = 0; written < size; written += zeros.length) {
                    raw.writeRaw(zeros);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(3, raw.read().status());
        writer.get(60, TimeUnit.SECONDS);
        assertHealthy();
        assertEquals(1, bystander.streams().getStreams().size(), "no stream was created");
    }

    @Test
    void sendMessagesWithZeroMessagesIsInvalidMessagesCount() throws IOException {
        assertEquals(0, raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
        ByteBuffer p = RawConnection.le(4 + 18);
        p.putInt(18);
        p.put((byte) 1).put((byte) 4).putInt(0);
        p.put((byte) 1).put((byte) 4).putInt(0);
        p.put((byte) 1).put((byte) 0);
        p.putInt(0);
        assertEquals(4009, raw.call(RawConnection.SEND_MESSAGES, p.array()).status());
        assertHealthy();

        // a well-formed send on the same connection is stored and polled back by the other client
        Reply sent = raw.call(RawConnection.SEND_MESSAGES, RawConnection.sendMessagesPayload(0, 0, "hello", "world"));
        assertEquals(0, sent.status());
        assertEquals(0, sent.payload().length);
        PolledMessages polled = poll(bystander, 0, 0, 0, PollingStrategy.first(), 10);
        assertEquals(List.of("hello", "world"), polled.messages().stream()
                .map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList());
        assertEquals(List.of(BigInteger.ZERO, BigInteger.ONE),
                polled.messages().stream().map(m -> m.header().offset()).toList());
    }

    @Test
    void everyBadFrameInTurnOnOneConnection() throws Exception {
        raw.writeRaw(RawConnection.le(8).putInt(0).putInt(0).array());
        assertEquals(3, raw.read().status());
        assertEquals(3, raw.call(999, new byte[0]).status());
        assertEquals(40, raw.call(RawConnection.SEND_MESSAGES, RawConnection.sendMessagesPayload(0, 0, "x")).status());
        assertEquals(40, raw.call(201, new byte[0]).status());
        assertEquals(0, raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
        assertEquals(3, raw.call(RawConnection.CREATE_STREAM, new byte[] {10, 'a', 'b', 'c'}).status());
        assertEquals(4, raw.call(RawConnection.CREATE_STREAM, new byte[] {0}).status());
        // numeric identifier whose length byte is not 4 (get_stream)
        assertEquals(4, raw.call(200, new byte[] {1, 2, 0, 0}).status());
        // unknown identifier kind
        assertEquals(3, raw.call(200, new byte[] {9, 4, 0, 0, 0, 0}).status());
        Reply ping = raw.ping();
        assertEquals(0, ping.status());
        assertHealthy();
        // a second raw connection opened now is clean as well
        try (Socket plain = new Socket(server.tcpAddress().getAddress(), server.tcpAddress().getPort())) {
            plain.setSoTimeout(30_000);
            OutputStream out = plain.getOutputStream();
            out.write(new byte[] {4, 0, 0, 0, 1, 0, 0, 0});
            out.flush();
            assertArrayEquals(EMPTY_OK, plain.getInputStream().readNBytes(8));
        }
    }
}
