package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.it.InProcessServer;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poll replies of about 1.1 MB (more than the client's largest read, 1 MiB) over TCP+TLS and wss, decrypted by
 * the OpenSSL engine straight into the reply's assembly buffer ({@code TlsDecryptAllocator}; under wss
 * within the WebSocket message's payload, {@link WebSocketPayloads#room}):
 * every byte must land where it belongs, also when the TLS records reach the client cut at odd
 * boundaries and when two replies are in flight, so that one read holds the end of one reply and the
 * start of the next.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsDecryptInPlaceIT {

    private static final int BATCH = 1_000;
    private static final int BATCHES = 3;

    @TempDir
    static Path dir;

    private static InProcessServer server;
    private static Path certFile;

    @BeforeAll
    static void startServerWithMessages() throws Exception {
        certFile = dir.resolve("certs/cert.pem");
        server = InProcessServer.start(dir.resolve("data"), Map.of(
                "IGGY_TCP_TLS_ENABLED", "true",
                "IGGY_TCP_TLS_CERT_FILE", certFile.toString(),
                "IGGY_TCP_TLS_KEY_FILE", dir.resolve("certs/key.pem").toString(),
                "IGGY_WEBSOCKET_TLS_ENABLED", "true",
                "IGGY_WEBSOCKET_TLS_CERT_FILE", certFile.toString(),
                "IGGY_WEBSOCKET_TLS_KEY_FILE", dir.resolve("certs/key.pem").toString()));
        try (IggyConnection c = connect(ClientTransport.TCP, server.port("tcp"))) {
            c.createStream("s");
            c.createTopic(Identifier.named("s"), 1, "t");
            for (int b = 0; b < BATCHES; b++) {
                List<MessageDraft> batch = new ArrayList<>();
                for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
                    batch.add(MessageDraft.of(payload(i)));
                }
                c.sendMessages(Identifier.named("s"), Identifier.named("t"), Partitioning.partitionId(0), batch);
            }
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClientTransport.class, names = {"TCP", "WEBSOCKET"})
    void largeRepliesAreDecryptedIntoTheAssemblyBufferIntact(ClientTransport transport) {
        try (IggyConnection c = connect(transport, server.port(portName(transport)))) {
            for (int round = 0; round < 3; round++) {
                for (int b = 0; b < BATCHES; b++) {
                    checkBatch(poll(c, b * BATCH), b * BATCH);
                }
            }
            assertTrue(c.decryptionsInPlace() > 0, "no read was decrypted in place");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClientTransport.class, names = {"TCP", "WEBSOCKET"})
    void recordsCutAtOddBoundariesAndPipelinedRepliesComeBackIntact(ClientTransport transport) throws Exception {
        try (OddChunkProxy proxy = new OddChunkProxy(server.port(portName(transport)));
             IggyConnection c = connect(transport, proxy.port())) {
            for (int round = 0; round < 4; round++) {
                // two polls in flight on one connection: their replies follow each other on the wire
                List<CompletableFuture<Void>> polls = new ArrayList<>();
                for (int b = 0; b < BATCHES; b++) {
                    int first = b * BATCH;
                    polls.add(CompletableFuture.runAsync(() -> checkBatch(poll(c, first), first)));
                }
                for (CompletableFuture<Void> poll : polls) {
                    poll.get(60, TimeUnit.SECONDS);
                }
            }
            assertTrue(c.decryptionsInPlace() > 0, "no read was decrypted in place");
        }
    }

    private static String portName(ClientTransport transport) {
        return transport == ClientTransport.TCP ? "tcp" : "websocket";
    }

    private static IggyConnection connect(ClientTransport transport, int port) {
        IggyConnection c = IggyConnection.connect(ClientIo.shared(), "localhost", port, Duration.ofSeconds(30),
                transport, ClientTls.trusting(certFile));
        c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
        return c;
    }

    private static byte[] poll(IggyConnection c, int offset) {
        return c.pollMessagesRaw(Consumer.consumer(Identifier.numeric(1)), Identifier.named("s"),
                Identifier.named("t"), 0, PollingStrategy.offset(offset), BATCH, false);
    }

    private static void checkBatch(byte[] raw, int first) {
        assertTrue(raw.length > 1 << 20, "a poll reply of " + raw.length + " bytes");
        ByteBuffer reply = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(BATCH, reply.getInt(12), "messages in the poll at " + first);
        int at = 16;
        for (int next = first; next < first + BATCH; next++) {
            assertEquals(next, reply.getLong(at + MessageLayout.OFFSET_OFFSET));
            int payloadLength = reply.getInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET);
            byte[] payload = new byte[payloadLength];
            reply.get(at + MessageLayout.HEADER_LENGTH, payload);
            assertArrayEquals(payload(next), payload, "payload " + next);
            at += MessageLayout.HEADER_LENGTH + payloadLength
                    + reply.getInt(at + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        }
    }

    /** 1 KiB whose bytes depend on the message and the position, so a shifted or reordered slice shows. */
    private static byte[] payload(int i) {
        byte[] payload = new byte[1024];
        for (int k = 0; k < payload.length; k++) {
            payload[k] = (byte) (i * 31 + k * 7);
        }
        return payload;
    }

    /**
     * A TCP proxy for one connection that passes the server's bytes on in chunks of odd, changing sizes
     * (1 byte to a little over a TLS record), each sent on its own, so records reach the client split
     * anywhere, header included.
     */
    private static final class OddChunkProxy extends OneConnectionProxy {

        private static final int[] CHUNKS = {1, 4, 5, 7, 4093, 16_411, 16_413, 16_385, 65_537, 131_071, 3};

        OddChunkProxy(int upstreamPort) throws IOException {
            super(upstreamPort, "odd-chunk-proxy");
        }

        @Override
        void relay(InputStream in, OutputStream out, boolean replies) throws IOException, InterruptedException {
            byte[] buffer = new byte[256 * 1024];
            int chunk = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int at = 0; at < n; ) {
                    int size = replies ? Math.min(CHUNKS[chunk++ % CHUNKS.length], n - at) : n - at;
                    out.write(buffer, at, size);
                    out.flush();
                    at += size;
                    if (replies && size < 8) {
                        // let the client read the few bytes on their own
                        Thread.sleep(1);
                    }
                }
            }
        }
    }
}
