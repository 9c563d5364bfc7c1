package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.it.MessageChecks.Polled;
import org.iggyj.kernel.tls.KernelTlsMaterial;
import org.iggyj.kernel.tls.PemFiles;
import org.iggyj.kernel.tls.SelfSignedIssuer;
import org.iggyj.spi.test.TlsFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the TCP transport: the official SDK trusting the server's generated certificate sends and
 * polls messages with headers; a plaintext client and a client trusting another certificate are
 * turned away without harming the server.
 */
@Timeout(60)
class TlsTcpIT {

    private static final int MESSAGES = 2_000;
    private static final int BATCH = 100;

    @RegisterExtension
    static final TestServers servers = new TestServers();
    @TempDir
    static Path certDir;

    private static TestServer server;
    private static TlsFixture tls;

    @BeforeAll
    static void start() throws IOException {
        // a directory that does not exist yet: the server creates it
        tls = new TlsFixture(certDir.resolve("nested"));
        server = servers.start(tls.serverEnv("tcp"));
    }

    private static IggyTcpClient tlsClient() {
        return SdkLogin.settled(IggyTcpClient.builder().host("localhost").port(server.tcpAddress().getPort())
                .enableTls().tlsCertificate(tls.certFile().toFile()).connectionPoolSize(1)
                .credentials(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).buildAndLogin());
    }

    @Test
    void generatesTheCertificateFilesOnFirstStart() throws IOException {
        assertTrue(Files.exists(tls.certFile()));
        assertEquals(1, PemFiles.readCertificates(tls.certFile()).size());
    }

    @Test
    void officialSdkSendsAndPollsOverTls() {
        IggyTcpClient client = tlsClient();
        try {
            long stream = client.streams().createStream("tls").id();
            long topic = client.topics().createTopic(StreamId.of(stream), 1L, CompressionAlgorithm.None,
                    BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), "t").id();
            for (int b = 0; b < MESSAGES / BATCH; b++) {
                List<Message> batch = new ArrayList<>();
                for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
                    Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
                    headers.put(HeaderKey.fromString("idx"), HeaderValue.fromInt64(i));
                    batch.add(Message.of("tls-" + i, headers));
                }
                client.messages().sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(0L),
                        batch);
            }
            List<Polled> all = MessageChecks.pollAll(client, stream, topic, 0);
            assertEquals(MESSAGES, all.size());
            for (int i = 0; i < MESSAGES; i++) {
                assertEquals("tls-" + i, all.get(i).payload());
                assertEquals(HeaderValue.fromInt64(i), all.get(i).headers().get(HeaderKey.fromString("idx")));
            }
        } finally {
            SdkClients.closeAll(client);
        }
    }

    @Test
    void plaintextClientIsDroppedAndServerStaysUp() throws Exception {
        try (RawConnection plain = new RawConnection(server.tcpAddress())) {
            assertThrows(IOException.class, () -> {
                RawConnection.Reply reply = plain.ping();
                // Whatever came back, it is not an Iggy reply to a ping.
                throw new IOException("unexpected reply status " + reply.status());
            });
        }
        assertGoodClientWorks();
    }

    @Test
    void clientTrustingAnotherCertificateFailsHandshakeAndServerStaysUp() throws Exception {
        KernelTlsMaterial stranger = SelfSignedIssuer.issueLocalhost();
        SSLContext ssl = TlsFixture.clientContextTrusting(stranger.certificateChain().get(0));
        InetSocketAddress address = server.tcpAddress();
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(address.getAddress(),
                address.getPort())) {
            socket.setSoTimeout(30_000);
            assertThrows(SSLException.class, socket::startHandshake);
        }
        assertGoodClientWorks();
    }

    private static void assertGoodClientWorks() {
        IggyTcpClient client = tlsClient();
        try {
            client.system().ping();
        } finally {
            SdkClients.closeAll(client);
        }
    }
}
