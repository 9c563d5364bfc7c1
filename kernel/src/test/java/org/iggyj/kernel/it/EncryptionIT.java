package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.it.MessageChecks.Polled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-side AES-256-GCM encryption end to end: the stored bytes never contain the plaintext of
 * payloads or headers, polls return the plaintext (also after a restart with the same key), and the
 * server refuses to start with another key or with encryption off.
 */
@Timeout(90)
class EncryptionIT {

    private static final int MESSAGES = 200;
    private static final String PAYLOAD_MARK = "PLAINTEXT-PAYLOAD-";
    private static final String HEADER_MARK = "PLAINTEXT-HEADER-";

    @TempDir
    Path dataDir;

    private static Map<String, String> encrypted(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return Map.of("IGGY_SYSTEM_ENCRYPTION_ENABLED", "true",
                "IGGY_SYSTEM_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
    }

    @Test
    void storesCiphertextServesPlaintextAndGuardsTheKey() throws Exception {
        try (TestServer server = TestServer.start(dataDir, encrypted((byte) 1))) {
            IggyTcpClient client = server.loggedInClient();
            try {
                long stream = client.streams().createStream("secret").id();
                long topic = client.topics().createTopic(StreamId.of(stream), 1L, CompressionAlgorithm.None,
                        BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "t").id();
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
                    headers.put(HeaderKey.fromString("h"), HeaderValue.fromString(HEADER_MARK + i));
                    batch.add(Message.of(PAYLOAD_MARK + i, headers));
                }
                client.messages().sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(0L),
                        batch);
                assertPlaintext(MessageChecks.pollAll(client, stream, topic, 0));
            } finally {
                SdkClients.closeAll(client);
            }
            server.server().close();
            assertFalse(dataContains(PAYLOAD_MARK), "a payload is stored in plaintext");
            assertFalse(dataContains(HEADER_MARK), "a header is stored in plaintext");

            server.restart();
            IggyTcpClient again = server.loggedInClient();
            try {
                assertPlaintext(MessageChecks.pollAll(again, 0, 0, 0));
            } finally {
                SdkClients.closeAll(again);
            }
        }

        IllegalStateException otherKey = assertThrows(IllegalStateException.class,
                () -> TestServer.start(dataDir, encrypted((byte) 2)).close());
        assertTrue(otherKey.getMessage().contains("is not the key"), otherKey.getMessage());
        IllegalStateException off = assertThrows(IllegalStateException.class,
                () -> TestServer.start(dataDir).close());
        assertTrue(off.getMessage().contains("encryption enabled"), off.getMessage());
    }

    @Test
    void refusesToEncryptOverPlaintextMessages() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            IggyTcpClient client = server.loggedInClient();
            try {
                long stream = client.streams().createStream("plain").id();
                long topic = client.topics().createTopic(StreamId.of(stream), 1L, CompressionAlgorithm.None,
                        BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "t").id();
                client.messages().sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(0L),
                        List.of(Message.of("plain")));
            } finally {
                SdkClients.closeAll(client);
            }
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestServer.start(dataDir, encrypted((byte) 1)).close());
        assertTrue(e.getMessage().contains("without encryption"), e.getMessage());
    }

    private static void assertPlaintext(List<Polled> polled) {
        assertEquals(MESSAGES, polled.size());
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals(PAYLOAD_MARK + i, polled.get(i).payload());
            assertEquals(HeaderValue.fromString(HEADER_MARK + i),
                    polled.get(i).headers().get(HeaderKey.fromString("h")));
        }
    }

    private boolean dataContains(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
