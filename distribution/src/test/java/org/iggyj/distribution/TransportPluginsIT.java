package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each plugin is independent: with the WebSocket jar removed TCP still serves, with the TCP jar
 * removed WebSocket still serves (a ping over a binary WebSocket message, from the JDK's own
 * WebSocket client); with the encryption jar removed both serve unless encryption is enabled, which
 * then fails startup naming the missing provider.
 */
@Timeout(180)
class TransportPluginsIT {

    private static final byte[] PING = {4, 0, 0, 0, 1, 0, 0, 0};
    private static final byte[] EMPTY_OK = {0, 0, 0, 0, 0, 0, 0, 0};
    /** Base64 of 32 bytes of 0x01. */
    private static final String KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

    @TempDir
    Path tempDir;

    @Test
    void tcpServesWithoutTheWebSocketPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-websocket"));
            server.start();
            assertTrue(server.await(server::tcpAccepts, DistributionProcess.STARTUP), () -> log(server));
            assertArrayEquals(EMPTY_OK, tcpPing(server.tcpPort()));
            assertFalse(accepts(server.webSocketPort()), "nothing may listen on the WebSocket port");
        }
    }

    @Test
    void webSocketServesWithoutTheTcpPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-tcp"));
            server.start();
            assertTrue(server.await(() -> accepts(server.webSocketPort()), DistributionProcess.STARTUP), () -> log(server));
            assertArrayEquals(EMPTY_OK, webSocketPing(server.webSocketPort()));
            assertFalse(server.tcpAccepts(), "nothing may listen on the TCP port");
        }
    }

    @Test
    void tcpAndWebSocketServeWithoutTheQuicPlugin() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-transport-quic"));
            server.start();
            assertTrue(server.await(() -> bothAccept(server), DistributionProcess.STARTUP), () -> log(server));
            assertArrayEquals(EMPTY_OK, tcpPing(server.tcpPort()));
            assertArrayEquals(EMPTY_OK, webSocketPing(server.webSocketPort()));
        }
    }

    @Test
    void encryptionPluginServesWhenEnabledAndItsAbsenceOnlyMattersWhenEnabled() throws Exception {
        try (DistributionProcess server = DistributionProcess.copyInto(tempDir)) {
            server.putEnv("IGGY_SYSTEM_ENCRYPTION_ENABLED", "true");
            server.putEnv("IGGY_SYSTEM_ENCRYPTION_KEY", KEY);
            server.start();
            assertTrue(server.await(() -> bothAccept(server), DistributionProcess.STARTUP), () -> log(server));
            assertArrayEquals(EMPTY_OK, tcpPing(server.tcpPort()));
            assertArrayEquals(EMPTY_OK, webSocketPing(server.webSocketPort()));
            server.stop();

            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-encryption-aes"));
            server.start();
            assertTrue(server.await(() -> !server.isAlive(), DistributionProcess.STARTUP), "must refuse to start");
            assertTrue(log(server).contains("no encryption provider 'aes-256-gcm'"), () -> log(server));
        }
        Path fresh = Files.createDirectories(tempDir.resolve("fresh"));
        try (DistributionProcess server = DistributionProcess.copyInto(fresh)) {
            Files.delete(DistributionProcess.onlyFile(server.home().resolve("plugins"), "iggyj-encryption-aes"));
            server.start();
            assertTrue(server.await(() -> bothAccept(server), DistributionProcess.STARTUP), () -> log(server));
            assertArrayEquals(EMPTY_OK, tcpPing(server.tcpPort()));
            assertArrayEquals(EMPTY_OK, webSocketPing(server.webSocketPort()));
        }
    }

    /** The transports bind one after another: the TCP port accepting says nothing of the WebSocket one. */
    private static boolean bothAccept(DistributionProcess server) {
        return server.tcpAccepts() && accepts(server.webSocketPort());
    }

    static byte[] tcpPing(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(PING);
            out.flush();
            byte[] reply = new byte[8];
            new DataInputStream(socket.getInputStream()).readFully(reply);
            return reply;
        }
    }

    static byte[] webSocketPing(int port) throws Exception {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                reply.complete(bytes);
                return null;
            }
        };
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), listener).get(30, TimeUnit.SECONDS);
        try {
            ws.sendBinary(ByteBuffer.wrap(PING), true).get(30, TimeUnit.SECONDS);
            return reply.get(30, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String log(DistributionProcess server) {
        try {
            return "server log:\n" + server.log();
        } catch (IOException e) {
            return "<log unreadable: " + e + ">";
        }
    }
}
