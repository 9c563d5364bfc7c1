package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.IggyErrors.assertIggyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Personal access tokens through the official Java SDK, and token login over a raw connection
 * as well (exact status codes, no SDK-side checks).
 */
@Timeout(120)
class PersonalAccessTokensIT {

    private static final int LOGIN_WITH_TOKEN = 44;
    private static final BigInteger NEVER = BigInteger.ZERO;
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;

    private static byte[] tokenPayload(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[1 + bytes.length];
        payload[0] = (byte) bytes.length;
        System.arraycopy(bytes, 0, payload, 1, bytes.length);
        return payload;
    }

    @Test
    void shouldCreateListDeleteAndLogInWithTokens() throws Exception {
        server = servers.start();
        String token;
        // One SDK connection per server run, switching users by logging in again: clients are slow to close.
        try (IggyTcpClient client = server.singleConnectionClient()) {
            client.users().createUser("alice", "secret-1", UserStatus.Active, Optional.empty());
            client.users().login("alice", "secret-1");
            token = client.personalAccessTokens().createPersonalAccessToken("ci-token", NEVER).token();
            assertEquals(68, token.length());
            client.personalAccessTokens().createPersonalAccessToken("forever", U64_MAX);
            client.personalAccessTokens().createPersonalAccessToken("one-hour", BigInteger.valueOf(3_600_000_000L));
            List<PersonalAccessTokenInfo> tokens = client.personalAccessTokens().getPersonalAccessTokens();
            assertEquals(List.of("ci-token", "forever", "one-hour"),
                    tokens.stream().map(PersonalAccessTokenInfo::name).toList());
            assertEquals(Optional.empty(), tokens.get(0).expiryAt());
            assertEquals(Optional.empty(), tokens.get(1).expiryAt());
            assertTrue(tokens.get(2).expiryAt().isPresent());

            assertIggyError(51, () -> client.personalAccessTokens().createPersonalAccessToken("ci-token", NEVER));
            assertIggyError(50, () -> client.personalAccessTokens().createPersonalAccessToken("ab", NEVER));
            assertIggyError(20, () -> client.personalAccessTokens().deletePersonalAccessToken("missing"));
            client.personalAccessTokens().deletePersonalAccessToken("forever");
            assertEquals(2, client.personalAccessTokens().getPersonalAccessTokens().size());

            // tokens are per user: root sees none of alice's and may reuse her token names
            client.users().login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
            assertEquals(List.of(), client.personalAccessTokens().getPersonalAccessTokens());
            client.personalAccessTokens().createPersonalAccessToken("ci-token", NEVER);
        }
        // only the hash is stored
        assertFalse(Files.readString(servers.dataDir().resolve("state/metadata.json")).contains(token));

        server.restart();
        try (IggyTcpClient client = server.anonymousClient();
             RawConnection raw = new RawConnection(server.tcpAddress())) {
            assertEquals(1L, client.personalAccessTokens().loginWithPersonalAccessToken(token).userId());
            assertEquals(Optional.of(1L), client.system().getMe().userId());

            RawConnection.Reply ok = raw.call(LOGIN_WITH_TOKEN, tokenPayload(token));
            assertEquals(0, ok.status());
            assertEquals(1, ok.body().getInt());
            assertEquals(20, raw.call(LOGIN_WITH_TOKEN, tokenPayload("not-a-token")).status());
            // a failed token login leaves the connection logged out
            assertEquals(40, raw.call(RawConnection.GET_ME, new byte[0]).status());

            client.users().login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
            client.users().updateUser(1L, Optional.empty(), Optional.of(UserStatus.Inactive));
            assertEquals(47, raw.call(LOGIN_WITH_TOKEN, tokenPayload(token)).status());
            client.users().deleteUser(1L);
            assertEquals(20, raw.call(LOGIN_WITH_TOKEN, tokenPayload(token)).status(), "tokens die with their user");
        }
    }

    @Test
    void shouldRefuseExpiredTokensAndCleanThemUp() throws Exception {
        server = servers.start(Map.of("IGGY_PERSONAL_ACCESS_TOKEN_CLEANER_INTERVAL", "1 s"));
        try (IggyTcpClient root = server.singleConnectionClient();
             RawConnection raw = new RawConnection(server.tcpAddress())) {
            String token = root.personalAccessTokens().createPersonalAccessToken("short", BigInteger.ONE).token();
            int status = raw.call(LOGIN_WITH_TOKEN, tokenPayload(token)).status();
            if (status != 54) {
                // Only a cleaner run between creation and login (a slow machine) may turn "expired" into "unknown".
                assertEquals(20, status);
                assertTrue(root.personalAccessTokens().getPersonalAccessTokens().isEmpty(),
                        "an expired token still listed must be refused as expired (54)");
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!root.personalAccessTokens().getPersonalAccessTokens().isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the cleaner never removed the expired token");
                Thread.sleep(20);
            }
            assertEquals(20, raw.call(LOGIN_WITH_TOKEN, tokenPayload(token)).status());
        }
    }

    @Test
    void shouldEnforceTheTokenLimitPerUser() throws Exception {
        server = servers.start(Map.of("IGGY_PERSONAL_ACCESS_TOKEN_MAX_TOKENS_PER_USER", "2"));
        try (IggyTcpClient root = server.singleConnectionClient()) {
            root.personalAccessTokens().createPersonalAccessToken("first", NEVER);
            root.personalAccessTokens().createPersonalAccessToken("second", NEVER);
            assertIggyError(52, () -> root.personalAccessTokens().createPersonalAccessToken("third", NEVER));
            root.personalAccessTokens().deletePersonalAccessToken("first");
            root.personalAccessTokens().createPersonalAccessToken("third", NEVER);
        }
    }
}
