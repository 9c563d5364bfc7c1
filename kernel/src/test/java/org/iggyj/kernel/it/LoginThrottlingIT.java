package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.AuthTesting.httpPostFrom;
import static org.iggyj.kernel.it.AuthTesting.loginFrom;
import static org.iggyj.kernel.it.AuthTesting.loginJson;
import static org.iggyj.kernel.it.AuthTesting.metric;
import static org.iggyj.kernel.it.AuthTesting.source;
import static org.iggyj.kernel.it.AuthTesting.tokenLoginFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed-login throttling through a real server on loopback: guessers are refused with 40 before
 * any password check, a legitimate login in the middle of an attack stays fast, throttles expire,
 * a username under attack does not block other usernames, and HTTP and token logins share the same
 * throttle, metrics and audit log. Attackers connect from other loopback addresses (127.0.0.x).
 */
@Timeout(180)
class LoginThrottlingIT {

    private static final String ROOT = TestServer.ROOT_USERNAME;
    private static final String ROOT_PASSWORD = TestServer.ROOT_PASSWORD;
    private static final long THROTTLE_MS = 2000;
    private static final int OK = 0;
    private static final int UNAUTHENTICATED = 40;
    private static final int INVALID_CREDENTIALS = 42;

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;
    private ListAppender<ILoggingEvent> audit;

    @BeforeEach
    void start() throws Exception {
        audit = AuthTesting.captureAudit();
        server = servers.start(Map.of(
                "IGGY_AUTH_MAX_FAILURES_PER_SOURCE", "5",
                "IGGY_AUTH_MAX_FAILURES_PER_USER", "3",
                "IGGY_AUTH_THROTTLE", THROTTLE_MS + " ms",
                "IGGY_AUTH_MAX_THROTTLE", THROTTLE_MS + " ms",
                "IGGY_AUTH_REFUSAL_DELAY", "20 ms"));
    }

    @AfterEach
    void stop() {
        AuthTesting.stopAudit(audit);
    }

    @Test
    void shouldThrottleGuessingConnectionsWhileALegitimateLoginStaysWithinItsBudget() throws Exception {
        InetSocketAddress tcp = server.tcpAddress();
        long idleMedianMs;
        try (RawConnection legit = new RawConnection(tcp, source("127.0.0.1"))) {
            timeLogins(legit, 3);
            idleMedianMs = median(timeLogins(legit, 5));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger wrong = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Thread> attackers = attack(tcp, "127.0.0.2", 32, stop, wrong, refused);
            try {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (refused.get() < 32 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(refused.get() >= 32, "guessers were throttled (40 answers: " + refused + ")");
                long[] underAttack = timeLogins(legit, 5);
                long budgetMs = 8 * idleMedianMs + 1000;
                assertTrue(Arrays.stream(underAttack).max().orElseThrow() <= budgetMs, "legit logins under attack "
                        + Arrays.toString(underAttack) + " ms, idle median " + idleMedianMs + " ms");
                assertEquals(UNAUTHENTICATED, loginFrom(tcp, "127.0.0.2", ROOT, ROOT_PASSWORD),
                        "a throttled source is refused even with the right password");
            } finally {
                stop.set(true);
                for (Thread t : attackers) {
                    t.join(30_000);
                }
            }
            assertTrue(refused.get() > wrong.get(), "most guesses were refused without a password check: "
                    + wrong + " checked, " + refused + " refused");
        }
        Thread.sleep(THROTTLE_MS + 500);
        assertEquals(OK, loginFrom(tcp, "127.0.0.2", ROOT, ROOT_PASSWORD), "the throttle expired");
        List<String> lines = AuthTesting.lines(audit);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("login failed: user 'iggy' from 127.0.0.2:")
                && l.contains(" over tcp")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("login throttled: source 127.0.0.2 ")),
                String.join("\n", lines));
        assertFalse(lines.stream().anyMatch(l -> l.contains("guess-")), "no password in the audit log");
    }

    @Test
    void shouldThrottleAUsernameGuessedFromManySourcesWithoutBlockingOtherUsernames() throws Exception {
        InetSocketAddress tcp = server.tcpAddress();
        try (IggyTcpClient root = server.loggedInClient()) {
            root.users().createUser("victim", "victim-secret", UserStatus.Active, Optional.empty());
            root.users().createUser("other", "other-secret", UserStatus.Active, Optional.empty());
        }
        assertEquals(OK, loginFrom(tcp, "127.0.0.16", "victim", "victim-secret"), "127.0.0.16 is victim's known source");
        for (int i = 11; i <= 14; i++) {
            assertEquals(INVALID_CREDENTIALS, loginFrom(tcp, "127.0.0." + i, "victim", "wrong-" + i));
        }
        assertEquals(UNAUTHENTICATED, loginFrom(tcp, "127.0.0.15", "victim", "victim-secret"),
                "victim is throttled for sources it never logged in from");
        assertEquals(OK, loginFrom(tcp, "127.0.0.15", "other", "other-secret"), "other usernames are not blocked");
        assertEquals(OK, loginFrom(tcp, "127.0.0.16", "victim", "victim-secret"), "known sources keep logging in");
        Thread.sleep(THROTTLE_MS + 500);
        assertEquals(OK, loginFrom(tcp, "127.0.0.15", "victim", "victim-secret"), "the user throttle expired");
    }

    @Test
    void shouldThrottleHttpAndTokenLoginsTheSameWayAndCountAndAuditThem() throws Exception {
        InetSocketAddress tcp = server.tcpAddress();
        InetSocketAddress http = server.httpAddress();
        for (int i = 0; i < 6; i++) {
            String answer = httpPostFrom(http, "127.0.0.3", "/users/login", loginJson("nobody" + i, "http-wrong-" + i));
            assertTrue(answer.contains("invalid_credentials"), answer);
        }
        String refused = httpPostFrom(http, "127.0.0.3", "/users/login", loginJson(ROOT, ROOT_PASSWORD));
        assertTrue(refused.startsWith("401 ") && refused.contains("\"unauthenticated\""), refused);
        assertEquals(UNAUTHENTICATED, loginFrom(tcp, "127.0.0.3", ROOT, ROOT_PASSWORD),
                "HTTP failures throttle the source on every transport");

        String token;
        try (IggyTcpClient root = server.loggedInClient()) {
            token = root.personalAccessTokens().createPersonalAccessToken("ci-token", BigInteger.ZERO).token();
        }
        String fake = "x".repeat(token.length());
        for (int i = 0; i < 6; i++) {
            int status = tokenLoginFrom(tcp, "127.0.0.4", fake);
            assertTrue(status != OK && status != UNAUTHENTICATED, "unknown token answers its own error: " + status);
        }
        assertEquals(UNAUTHENTICATED, tokenLoginFrom(tcp, "127.0.0.4", token), "a throttled source cannot use a token");
        String httpToken = httpPostFrom(http, "127.0.0.4", "/personal-access-tokens/login",
                "{\"token\": \"" + token + "\"}");
        assertTrue(httpToken.startsWith("401 ") && httpToken.contains("\"unauthenticated\""), httpToken);
        assertEquals(OK, tokenLoginFrom(tcp, "127.0.0.5", token), "other sources are not throttled");

        assertTrue(metric(http, "iggy_auth_login_failures_total", "transport=\"http\"") >= 5);
        assertTrue(metric(http, "iggy_auth_login_failures_total", "transport=\"tcp\"") >= 5);
        assertTrue(metric(http, "iggy_auth_throttled_total", "kind=\"source\"") >= 2);
        assertTrue(metric(http, "iggy_auth_login_refused_total", "reason=\"source_throttled\"") >= 4);
        assertTrue(AuthTesting.scrape(http).contains("iggy_auth_throttled_sources "), "the gauge is exported");
        List<String> lines = AuthTesting.lines(audit);
        String all = String.join("\n", lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("login failed: user 'nobody0' from 127.0.0.3:")
                && l.contains(" over http")), all);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("login failed: user '(token)' from 127.0.0.4:")
                && l.contains(" over tcp")), all);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("login throttled: source 127.0.0.3 ")), all);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("login refused: source 127.0.0.4 throttled")), all);
        assertFalse(all.contains("http-wrong-") || all.contains(token) || all.contains(fake),
                "no password or token in the audit log");
    }

    private static List<Thread> attack(InetSocketAddress tcp, String from, int connections, AtomicBoolean stop,
                                       AtomicInteger wrong, AtomicInteger refused) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                int attempt = 0;
                try (RawConnection c = new RawConnection(tcp, source(from))) {
                    while (!stop.get()) {
                        int status = c.login(ROOT, "guess-" + n + "-" + attempt++).status();
                        (status == UNAUTHENTICATED ? refused : wrong).incrementAndGet();
                    }
                } catch (Exception e) {
                    // The server is stopping.
                }
            }, "guesser-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private static long[] timeLogins(RawConnection c, int count) throws Exception {
        long[] ms = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            assertEquals(OK, c.login(ROOT, ROOT_PASSWORD).status());
            ms[i] = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(100);
        }
        return ms;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
