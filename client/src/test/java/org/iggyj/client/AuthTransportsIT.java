package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iggyj.kernel.it.InProcessServer;
import org.iggyj.protocol.ErrorCode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kernel's login defences reach WebSocket and QUIC the same way as TCP (tested end to end in the
 * kernel): failed logins throttle the source, and a connection that never logs in is closed after
 * the login timeout while a logged-in one keeps working.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthTransportsIT {

    @TempDir
    Path dataDir;

    private static IggyConnection connect(InProcessServer server, ClientTransport transport) {
        if (transport == ClientTransport.QUIC) {
            return IggyConnection.connect(ClientIo.shared(), "localhost", server.port("quic"), Duration.ofSeconds(30),
                    transport, ClientTls.trustingAnyone());
        }
        return IggyConnection.connect(ClientIo.shared(), "localhost", server.port("websocket"), Duration.ofSeconds(30),
                transport, ClientTls.OFF);
    }

    @ParameterizedTest
    @EnumSource(value = ClientTransport.class, names = {"WEBSOCKET", "QUIC"})
    void shouldThrottleFailedLogins(ClientTransport transport) throws Exception {
        try (InProcessServer server = InProcessServer.start(dataDir, Map.of(
                "IGGY_AUTH_MAX_FAILURES_PER_SOURCE", "2", "IGGY_AUTH_THROTTLE", "1 m", "IGGY_AUTH_MAX_THROTTLE", "1 m",
                "IGGY_AUTH_REFUSAL_DELAY", "0 ms"));
             IggyConnection c = connect(server, transport)) {
            for (int i = 0; i < 3; i++) {
                int attempt = i;
                IggyClientException e = assertThrows(IggyClientException.class,
                        () -> c.login(InProcessServer.USERNAME, "wrong-" + attempt));
                assertEquals(ErrorCode.INVALID_CREDENTIALS, e.errorCode());
            }
            IggyClientException refused = assertThrows(IggyClientException.class,
                    () -> c.login(InProcessServer.USERNAME, InProcessServer.PASSWORD));
            assertEquals(ErrorCode.UNAUTHENTICATED, refused.errorCode(), "throttled: refused before the check");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClientTransport.class, names = {"WEBSOCKET", "QUIC"})
    void shouldCloseConnectionsThatDoNotLogInInTime(ClientTransport transport) throws Exception {
        try (InProcessServer server = InProcessServer.start(dataDir, Map.of("IGGY_AUTH_LOGIN_TIMEOUT", "2 s"));
             IggyConnection loggedIn = connect(server, transport);
             IggyConnection silent = connect(server, transport)) {
            loggedIn.login(InProcessServer.USERNAME, InProcessServer.PASSWORD);
            Thread.sleep(4000);
            assertThrows(IggyClientException.class, silent::ping, "closed by the login timeout");
            loggedIn.ping();
            assertEquals(0, loggedIn.stats().streamsCount(), "the logged-in connection is untouched");
        }
    }
}
