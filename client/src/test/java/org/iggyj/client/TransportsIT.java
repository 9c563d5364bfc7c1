package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.it.InProcessServer;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 10,000 messages with user headers sent and polled back intact through this client over every
 * transport, with and without TLS: one server with plain TCP and WebSocket, one with TLS on both
 * (a certificate the kernel generates, which the client then trusts); QUIC is always TLS.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransportsIT {

    private static final int MESSAGES = 10_000;
    private static final int BATCH = 1_000;

    @TempDir
    static Path plainDir;
    @TempDir
    static Path tlsDir;

    private static InProcessServer plain;
    private static InProcessServer tls;
    private static Path certFile;

    @BeforeAll
    static void startServers() throws Exception {
        plain = InProcessServer.start(plainDir);
        certFile = tlsDir.resolve("certs/cert.pem");
        String keyFile = tlsDir.resolve("certs/key.pem").toString();
        tls = InProcessServer.start(tlsDir.resolve("data"), Map.of(
                "IGGY_TCP_TLS_ENABLED", "true",
                "IGGY_TCP_TLS_CERT_FILE", certFile.toString(),
                "IGGY_TCP_TLS_KEY_FILE", keyFile,
                "IGGY_WEBSOCKET_TLS_ENABLED", "true",
                "IGGY_WEBSOCKET_TLS_CERT_FILE", certFile.toString(),
                "IGGY_WEBSOCKET_TLS_KEY_FILE", keyFile));
    }

    @AfterAll
    static void stopServers() {
        if (plain != null) {
            plain.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    private static IggyConnection connect(ClientTransport transport, boolean withTls) {
        InProcessServer server = withTls ? tls : plain;
        if (transport == ClientTransport.QUIC) {
            // Always TLS, with a certificate generated afresh at every start, as in Iggy.
            return IggyConnection.connect(ClientIo.shared(), "localhost", server.port("quic"), Duration.ofSeconds(30),
                    transport, ClientTls.trustingAnyone());
        }
        String name = transport == ClientTransport.TCP ? "tcp" : "websocket";
        return IggyConnection.connect(ClientIo.shared(), "localhost", server.port(name), Duration.ofSeconds(30),
                transport, withTls ? ClientTls.trusting(certFile) : ClientTls.OFF);
    }

    @ParameterizedTest(name = "{0} tls={1}")
    @CsvSource({"TCP, false", "TCP, true", "WEBSOCKET, false", "WEBSOCKET, true", "QUIC, true"})
    void sendsAndPollsTenThousandMessagesWithHeaders(ClientTransport transport, boolean withTls) {
        try (IggyConnection c = connect(transport, withTls)) {
            c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
            String streamName = transport + "-" + withTls;
            c.createStream(streamName);
            Identifier stream = Identifier.named(streamName);
            c.createTopic(stream, 1, "t");
            Identifier topic = Identifier.named("t");
            for (int b = 0; b < MESSAGES / BATCH; b++) {
                List<MessageDraft> batch = new ArrayList<>();
                for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
                    batch.add(new MessageDraft(0, 0, i, headers(i), payload(i)));
                }
                c.sendMessages(stream, topic, Partitioning.partitionId(0), batch);
            }
            Consumer consumer = Consumer.consumer(Identifier.numeric(1));
            int next = 0;
            while (next < MESSAGES) {
                ByteBuffer reply = ByteBuffer.wrap(c.pollMessagesRaw(consumer, stream, topic, 0,
                        PollingStrategy.offset(next), BATCH, false)).order(ByteOrder.LITTLE_ENDIAN);
                int count = reply.getInt(12);
                assertEquals(BATCH, count, "messages per poll at offset " + next);
                int at = 16;
                for (int k = 0; k < count; k++, next++) {
                    assertEquals(next, reply.getLong(at + MessageLayout.OFFSET_OFFSET));
                    int headersLength = reply.getInt(at + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
                    int payloadLength = reply.getInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET);
                    byte[] payload = new byte[payloadLength];
                    byte[] headers = new byte[headersLength];
                    reply.get(at + MessageLayout.HEADER_LENGTH, payload);
                    reply.get(at + MessageLayout.HEADER_LENGTH + payloadLength, headers);
                    assertArrayEquals(payload(next), payload, "payload " + next);
                    assertArrayEquals(headers(next), headers, "headers " + next);
                    at += MessageLayout.HEADER_LENGTH + payloadLength + headersLength;
                }
            }
        }
    }

    /**
     * Batches and poll replies of about 1 MB: larger than one TLS write slice (the client's requests and the
     * TCP server's replies go to the TLS engine in slices) and than one QUIC datagram, whatever size path MTU
     * discovery settles on. Every payload byte must come back where it was.
     */
    @ParameterizedTest(name = "{0} tls={1}")
    @CsvSource({"TCP, false", "TCP, true", "WEBSOCKET, true", "QUIC, true"})
    void megabyteBatchesComeBackIntact(ClientTransport transport, boolean withTls) {
        int batches = 2;
        try (IggyConnection c = connect(transport, withTls)) {
            c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
            String streamName = "large-" + transport + "-" + withTls;
            c.createStream(streamName);
            Identifier stream = Identifier.named(streamName);
            c.createTopic(stream, 1, "t");
            Identifier topic = Identifier.named("t");
            for (int b = 0; b < batches; b++) {
                List<MessageDraft> batch = new ArrayList<>();
                for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
                    batch.add(MessageDraft.of(largePayload(i)));
                }
                c.sendMessages(stream, topic, Partitioning.partitionId(0), batch);
            }
            Consumer consumer = Consumer.consumer(Identifier.numeric(1));
            for (int next = 0; next < batches * BATCH; ) {
                byte[] raw = c.pollMessagesRaw(consumer, stream, topic, 0, PollingStrategy.offset(next), BATCH, false);
                assertTrue(raw.length > 1 << 20, "a poll reply of " + raw.length + " bytes");
                ByteBuffer reply = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                int count = reply.getInt(12);
                assertEquals(BATCH, count, "messages per poll at offset " + next);
                assertLargePayloads(reply, next, count);
                next += count;
            }
        }
    }

    /**
     * One poll of 10,240 messages of 1 KiB, a reply of over 10 MiB (ten of the bench's 1 MB batches at once),
     * over each TLS transport. On one QUIC stream: far more than the congestion window quiche starts with, so
     * it only arrives whole if this client's stream and connection windows (16 MiB, 256 MiB) take it and all
     * of its ~650 datagrams are read and reassembled in order. Over TCP+TLS and wss: the server reads the
     * poll's messages from their segment file in some 80 slices right before encrypting each
     * ({@code TlsRegionReader}; under wss after a WebSocket message header sized for the whole reply), and the
     * client reads it 1 MiB at most at a time; every byte must land where it belongs.
     */
    @ParameterizedTest(name = "{0} tls=true")
    @CsvSource({"QUIC", "TCP", "WEBSOCKET"})
    void pollOfTenThousandMessagesArrivesWhole(ClientTransport transport) {
        int messages = 10_240;
        int perBatch = 1_024;
        try (IggyConnection c = connect(transport, true)) {
            c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
            String streamName = "big-poll-" + transport;
            c.createStream(streamName);
            Identifier stream = Identifier.named(streamName);
            c.createTopic(stream, 1, "t");
            Identifier topic = Identifier.named("t");
            for (int b = 0; b < messages / perBatch; b++) {
                List<MessageDraft> batch = new ArrayList<>();
                for (int i = b * perBatch; i < (b + 1) * perBatch; i++) {
                    batch.add(MessageDraft.of(largePayload(i)));
                }
                c.sendMessages(stream, topic, Partitioning.partitionId(0), batch);
            }
            byte[] raw = c.pollMessagesRaw(Consumer.consumer(Identifier.numeric(1)), stream, topic, 0,
                    PollingStrategy.offset(0), messages, false);
            assertTrue(raw.length > 10 << 20, "a poll reply of " + raw.length + " bytes");
            ByteBuffer reply = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(messages, reply.getInt(12), "messages in the one poll");
            int at = assertLargePayloads(reply, 0, messages);
            assertEquals(raw.length, at, "nothing after the last message");
        }
    }

    /**
     * Checks the {@code count} messages of a raw poll reply (after its 16-byte header) carry the offsets from
     * {@code first} on and each its {@link #largePayload}.
     *
     * @return the position just after the last message
     */
    private static int assertLargePayloads(ByteBuffer reply, int first, int count) {
        int at = 16;
        for (int next = first; next < first + count; next++) {
            assertEquals(next, reply.getLong(at + MessageLayout.OFFSET_OFFSET));
            int payloadLength = reply.getInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET);
            byte[] payload = new byte[payloadLength];
            reply.get(at + MessageLayout.HEADER_LENGTH, payload);
            assertArrayEquals(largePayload(next), payload, "payload " + next);
            at += MessageLayout.HEADER_LENGTH + payloadLength
                    + reply.getInt(at + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        }
        return at;
    }

    @Test
    void plainClientCannotTalkToTlsWebSocket() {
        IggyClientException e = assertThrows(IggyClientException.class,
                () -> IggyConnection.connect(ClientIo.shared(), "localhost", tls.port("websocket"),
                        Duration.ofSeconds(10), ClientTransport.WEBSOCKET, ClientTls.OFF));
        assertEquals(ErrorCode.TCP_ERROR, e.errorCode());
        try (IggyConnection c = connect(ClientTransport.WEBSOCKET, true)) {
            c.ping();
        }
    }

    /** 1 KiB whose bytes depend on the message and the position, so a shifted or reordered slice shows. */
    private static byte[] largePayload(int i) {
        byte[] payload = new byte[1024];
        for (int k = 0; k < payload.length; k++) {
            payload[k] = (byte) (i * 31 + k * 7);
        }
        return payload;
    }

    private static byte[] payload(int i) {
        return ("message-" + i).getBytes(StandardCharsets.UTF_8);
    }

    /** One header {@code "idx" -> "<i>"}, both strings (kind 2), encoded as §6.4 of the protocol says. */
    private static byte[] headers(int i) {
        byte[] key = "idx".getBytes(StandardCharsets.UTF_8);
        byte[] value = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(10 + key.length + value.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 2).putInt(key.length).put(key).put((byte) 2).putInt(value.length).put(value);
        return out.array();
    }
}
