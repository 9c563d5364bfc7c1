package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.AuthTesting.metric;
import static org.iggyj.kernel.it.AuthTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits on connections that have not logged in, and the login timeout, through a real server: a
 * connection past a limit gets an unsolicited 8 ({@code Disconnected}) and is closed, one that stays
 * silent past the timeout gets 40 and is closed, and logged-in connections are never touched.
 */
@Timeout(120)
class UnauthenticatedConnectionsIT {

    private static final int DISCONNECTED = 8;
    private static final int UNAUTHENTICATED = 40;

    @TempDir
    Path dataDir;

    private TestServer server;
    private ListAppender<ILoggingEvent> audit;
    private final List<RawConnection> connections = new ArrayList<>();

    @BeforeEach
    void captureAudit() {
        audit = AuthTesting.captureAudit();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawConnection c : connections) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
        AuthTesting.stopAudit(audit);
    }

    @Test
    void shouldRefuseConnectionsPastThePerSourceAndTotalLimitsButNeverLoggedInOnes() throws Exception {
        server = TestServer.start(dataDir, Map.of(
                "IGGY_AUTH_MAX_UNAUTHENTICATED_CONNECTIONS_PER_SOURCE", "3",
                "IGGY_AUTH_MAX_UNAUTHENTICATED_CONNECTIONS", "5",
                "IGGY_AUTH_LOGIN_TIMEOUT", "0"));
        InetSocketAddress tcp = server.tcpAddress();
        RawConnection first = open(tcp, "127.0.0.5");
        open(tcp, "127.0.0.5");
        open(tcp, "127.0.0.5");
        assertRefused(tcp, "127.0.0.5", DISCONNECTED);
        assertEquals(0, first.ping().status(), "the admitted connections are fine");

        assertEquals(0, first.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
        RawConnection fourth = open(tcp, "127.0.0.5");

        open(tcp, "127.0.0.6");
        open(tcp, "127.0.0.6");
        assertRefused(tcp, "127.0.0.7", DISCONNECTED);
        connections.remove(fourth);
        fourth.close();
        Thread.sleep(200);
        RawConnection admitted = open(tcp, "127.0.0.7");
        assertEquals(0, admitted.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
        open(tcp, "127.0.0.8");
        assertRefused(tcp, "127.0.0.9", DISCONNECTED);
        assertEquals(7, server.server().sessions().count(), "five strangers and two logged-in connections: "
                + "logged-in ones never count against the limits");
        assertEquals(0, first.ping().status());
        assertEquals(0, admitted.ping().status());

        InetSocketAddress http = server.httpAddress();
        assertTrue(metric(http, "iggy_connections_refused_total", "reason=\"unauthenticated_per_source_limit\"") >= 1);
        assertTrue(metric(http, "iggy_connections_refused_total", "reason=\"unauthenticated_limit\"") >= 1);
        List<String> lines = AuthTesting.lines(audit);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("connection 127.0.0.5:") && l.contains(" over tcp refused: "
                + "source 127.0.0.5 already has 3 connections that have not logged in")), String.join("\n", lines));
    }

    @Test
    void shouldCloseConnectionsThatDoNotLogInWithinTheTimeoutAndKeepLoggedInOnes() throws Exception {
        server = TestServer.start(dataDir, Map.of("IGGY_AUTH_LOGIN_TIMEOUT", "1 s"));
        InetSocketAddress tcp = server.tcpAddress();
        try (IggyTcpClient sdk = server.loggedInClient()) {
            RawConnection loggedIn = open(tcp, "127.0.0.1");
            assertEquals(0, loggedIn.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
            long start = System.nanoTime();
            RawConnection silent = open(tcp, "127.0.0.9");
            assertEquals(UNAUTHENTICATED, silent.read().status(), "an unsolicited 40 before the close");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 900, "closed after the timeout, not before: " + elapsedMs + " ms");
            assertThrows(EOFException.class, silent::read, "then the connection closes");

            Thread.sleep(1500);
            assertEquals(0, loggedIn.ping().status(), "a logged-in connection stays");
            assertEquals(0, sdk.streams().getStreams().size(), "the SDK's logged-in connections stay");
            assertEquals(0, loggedIn.call(RawConnection.GET_ME, new byte[0]).status());
        }
        assertTrue(metric(server.httpAddress(), "iggy_connections_refused_total", "reason=\"login_timeout\"") >= 1);
        List<String> lines = AuthTesting.lines(audit);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("connection 127.0.0.9:")
                && l.contains("closed: no login within 1000 ms")), String.join("\n", lines));
    }

    /** Connects and pings, so the server has admitted it before the next connection is made. */
    private RawConnection open(InetSocketAddress tcp, String from) throws Exception {
        RawConnection c = new RawConnection(tcp, source(from));
        connections.add(c);
        assertEquals(0, c.ping().status(), "admitted");
        return c;
    }

    /** The server accepts the TCP connection, then sends the error and closes it. */
    private static void assertRefused(InetSocketAddress tcp, String from, int errorCode) throws Exception {
        try (RawConnection refused = new RawConnection(tcp, source(from))) {
            assertEquals(errorCode, refused.read().status());
            assertThrows(EOFException.class, refused::read);
        }
    }
}
