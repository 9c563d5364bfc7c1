package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.AuthTesting.loginFrom;
import static org.iggyj.kernel.it.AuthTesting.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reuse of a recent successful password verification through a real server: a second login with the same
 * password runs no Argon2id (counted by {@code iggy_auth_password_verifications_total}, not timed), while
 * a wrong password, a source with a recent failure, a changed password, a deactivated or deleted user and an
 * expired entry are checked in full, with the answers they always had.
 */
@Timeout(120)
class VerifiedPasswordReuseIT {

    private static final String VERIFICATIONS = "iggy_auth_password_verifications_total";
    private static final String REUSED = "iggy_auth_login_reused_total";
    private static final String FAILURES = "iggy_auth_login_failures_total";
    private static final int OK = 0;
    private static final int INVALID_CREDENTIALS = 42;
    private static final int USER_INACTIVE = 47;

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;

    @Test
    void shouldSkipArgon2ForASecondLoginWithTheSamePasswordButCheckAWrongOneInFull() throws Exception {
        server = servers.start();
        long alice = createUser("alice", "alice-secret-1");

        double start = count(VERIFICATIONS);
        assertEquals(OK, login("alice", "alice-secret-1"));
        double before = count(VERIFICATIONS);
        assertEquals(start + 1, before, "the first login runs Argon2id");
        double reusedBefore = count(REUSED);
        assertEquals(OK, login("alice", "alice-secret-1"));
        assertEquals(OK, login("alice", "alice-secret-1"));
        assertEquals(before, count(VERIFICATIONS), "the second and third logins run none");
        assertEquals(reusedBefore + 2, count(REUSED));

        double failures = count(FAILURES);
        assertEquals(INVALID_CREDENTIALS, loginFrom(server.tcpAddress(), "127.0.0.3", "alice", "alice-secret-2"));
        assertEquals(before + 1, count(VERIFICATIONS), "a wrong password is verified in full");
        assertEquals(failures + 1, count(FAILURES), "and counted as a failure");
        assertEquals(OK, loginFrom(server.tcpAddress(), "127.0.0.3", "alice", "alice-secret-1"));
        assertEquals(before + 2, count(VERIFICATIONS), "a source with a recent failure is verified in full");
        assertEquals(OK, login("alice", "alice-secret-1"), "a clean source still reuses");
        assertEquals(before + 2, count(VERIFICATIONS));

        try (IggyTcpClient client = sdkClient("alice", "alice-secret-1")) {
            assertEquals(alice, client.users().getUser(alice).orElseThrow().id());
        }
    }

    @Test
    void shouldVerifyAgainAfterAPasswordChangeADeactivationOrADeletion() throws Exception {
        server = servers.start();
        long bob = createUser("bob", "bob-secret-1");
        assertEquals(OK, login("bob", "bob-secret-1"));

        try (IggyTcpClient root = server.loggedInClient()) {
            root.users().changePassword(bob, "bob-secret-1", "bob-secret-2");
        }
        double before = count(VERIFICATIONS);
        assertEquals(INVALID_CREDENTIALS, login("bob", "bob-secret-1"), "the old password no longer logs in");
        assertEquals(before + 1, count(VERIFICATIONS), "it was verified in full");
        // 127.0.0.1 failed just now, so it is no longer served from the cache: go on from a clean source.
        String clean = "127.0.0.5";
        assertEquals(OK, loginFrom(server.tcpAddress(), clean, "bob", "bob-secret-2"));
        assertEquals(OK, loginFrom(server.tcpAddress(), clean, "bob", "bob-secret-2"));
        assertEquals(before + 2, count(VERIFICATIONS), "the new password verified once, then reused");

        try (IggyTcpClient root = server.loggedInClient()) {
            root.users().updateUser(bob, Optional.empty(), Optional.of(UserStatus.Inactive));
        }
        before = count(VERIFICATIONS);
        assertEquals(USER_INACTIVE, loginFrom(server.tcpAddress(), clean, "bob", "bob-secret-2"));
        assertEquals(before + 1, count(VERIFICATIONS), "a status change is verified in full");

        try (IggyTcpClient root = server.loggedInClient()) {
            root.users().updateUser(bob, Optional.empty(), Optional.of(UserStatus.Active));
            root.users().deleteUser(bob);
        }
        before = count(VERIFICATIONS);
        assertEquals(INVALID_CREDENTIALS, loginFrom(server.tcpAddress(), clean, "bob", "bob-secret-2"),
                "a deleted user cannot log in");
        assertEquals(before + 1, count(VERIFICATIONS), "the unknown user's dummy check");
    }

    @Test
    void shouldVerifyAgainOnceTheEntryExpiredAndNeverReuseWhenTurnedOff() throws Exception {
        server = servers.start(Map.of("IGGY_AUTH_VERIFIED_PASSWORD_TTL", "500 ms"));
        createUser("carol", "carol-secret");
        assertEquals(OK, login("carol", "carol-secret"));
        double before = count(VERIFICATIONS);
        Thread.sleep(1_000);
        assertEquals(OK, login("carol", "carol-secret"));
        assertEquals(before + 1, count(VERIFICATIONS), "the entry had expired");
        server.close();

        server = servers.start(Map.of("IGGY_AUTH_VERIFIED_PASSWORD_TTL", "0"));
        before = count(VERIFICATIONS);
        double reused = count(REUSED);
        assertEquals(OK, login("carol", "carol-secret"));
        assertEquals(OK, login("carol", "carol-secret"));
        assertEquals(before + 2, count(VERIFICATIONS), "every login verified");
        assertEquals(reused, count(REUSED));
    }

    private long createUser(String name, String password) {
        try (IggyTcpClient root = server.loggedInClient()) {
            return root.users().createUser(name, password, UserStatus.Active, Optional.empty()).id();
        }
    }

    private IggyTcpClient sdkClient(String name, String password) {
        return SdkLogin.login(server.tcpAddress().getPort(), name, password);
    }

    /** One login_user on a fresh connection; the answer's status. */
    private int login(String username, String password) throws Exception {
        InetSocketAddress tcp = server.tcpAddress();
        try (RawConnection c = new RawConnection(tcp)) {
            return c.login(username, password).status();
        }
    }

    private double count(String name) throws Exception {
        return metric(server.httpAddress(), name, null);
    }
}
