package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.iggy.client.blocking.http.IggyHttpClient;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.spi.test.TlsFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the HTTP transport with the kernel's TLS material: the certificate generated into
 * {@code [http.tls] cert_file}, trusted by the official SDK's HTTP client and by curl; plain HTTP on
 * the same port gets no answer.
 */
@Timeout(120)
class HttpsIT {

    @RegisterExtension
    static final TestServers servers = new TestServers();
    @TempDir
    static Path certDir;

    private static TestServer server;
    private static TlsFixture tls;

    @BeforeAll
    static void start() throws IOException {
        tls = new TlsFixture(certDir.resolve("http"));
        server = servers.start(tls.serverEnv("http"));
    }

    @Test
    void shouldServeTheRestApiToTheOfficialSdkTrustingTheGeneratedCertificate() throws Exception {
        assertTrue(Files.exists(tls.certFile()), "the generated certificate is written for clients to trust");
        IggyHttpClient client = IggyHttpClient.builder().host("localhost").port(server.httpAddress().getPort())
                // the SDK's HTTP client reads its certificate file as a key store, not as PEM
                .enableTls().tlsCertificate(tls.trustStoreFile().toFile())
                .credentials(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).buildAndLogin();

        var stream = client.streams().createStream("secure");
        client.topics().createTopic(StreamId.of(stream.id()), 1L, CompressionAlgorithm.None,
                java.math.BigInteger.ZERO, java.math.BigInteger.ZERO, java.util.Optional.empty(), "t");
        client.messages().sendMessages(StreamId.of(stream.id()), TopicId.of(0L), Partitioning.partitionId(0L),
                List.of(Message.of("over https")));
        var polled = client.messages().pollMessages(StreamId.of(stream.id()), TopicId.of(0L),
                java.util.Optional.of(0L), Consumer.of(1L), PollingStrategy.first(), 10L, false);

        assertEquals(1, polled.messages().size());
        assertEquals("over https", new String(polled.messages().get(0).payload(), StandardCharsets.UTF_8));
        assertTrue(client.streams().getStreams().stream().anyMatch(s -> s.name().equals("secure")));
    }

    @Test
    void shouldAnswerCurlTrustingTheCertificate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        String url = "https://localhost:" + server.httpAddress().getPort() + "/ping";
        Process curl = new ProcessBuilder("/usr/bin/curl", "-sS", "--max-time", "30", "--cacert", tls.certFile().toString(), url)
                .redirectErrorStream(true).start();
        assertTrue(curl.waitFor(60, TimeUnit.SECONDS));
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, curl.exitValue(), out);
        assertEquals("pong", out.trim());
    }

    @Test
    void shouldNotServePlainHttpOnTheHttpsPort() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpAddress().getPort()
                + "/ping")).timeout(Duration.ofSeconds(10)).build();

        assertThrows(IOException.class, () -> plain.send(ping, HttpResponse.BodyHandlers.ofString()));
    }
}
