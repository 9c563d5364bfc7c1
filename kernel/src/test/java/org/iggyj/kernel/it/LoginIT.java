package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.IggyErrors.assertIggyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.system.ClientInfoDetails;
import org.apache.iggy.user.IdentityInfo;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login, authentication errors and get_me through the official Java SDK (plus a raw get_me, since
 * the SDK shows user id 0 as "no user").
 */
@Timeout(120)
class LoginIT {

    @TempDir
    Path dataDir;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rootLoginAnswersUserZero() {
        try (IggyTcpClient client = server.anonymousClient()) {
            IdentityInfo identity = client.users().login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
            assertEquals(0L, identity.userId());
            assertEquals(0, client.streams().getStreams().size());
        }
    }

    @Test
    void buildAndLoginWorks() {
        try (IggyTcpClient client = server.loggedInClient()) {
            assertEquals(0, client.streams().getStreams().size());
        }
    }

    @Test
    void wrongPasswordOrUnknownUserIsInvalidCredentials() {
        try (IggyTcpClient client = server.anonymousClient()) {
            assertIggyError(42, () -> client.users().login(TestServer.ROOT_USERNAME, "wrong-password"));
            assertIggyError(42, () -> client.users().login("nobody", TestServer.ROOT_PASSWORD));
            // the failed logins left the connection unauthenticated
            assertIggyError(40, () -> client.streams().getStreams());
        }
    }

    @Test
    void commandsWithoutLoginAreUnauthenticated() {
        try (IggyTcpClient client = server.anonymousClient()) {
            assertIggyError(40, () -> client.streams().getStreams());
            assertIggyError(40, () -> client.streams().createStream("s"));
            assertIggyError(40, () -> client.system().getMe());
            assertIggyError(40, () -> client.users().getUsers());
        }
    }

    @Test
    void pingWorksWithoutLogin() {
        try (IggyTcpClient client = server.anonymousClient()) {
            client.system().ping();
            client.system().ping();
        }
    }

    @Test
    void getMeAfterLoginShowsTheUser() throws Exception {
        try (IggyTcpClient root = server.loggedInClient()) {
            ClientInfoDetails me = root.system().getMe();
            // The Java SDK maps user id 0 (root) to Optional.empty() (binary-protocol.md §8.2 J2).
            assertEquals(Optional.empty(), me.userId());
            assertEquals("Tcp", me.transport());
            assertTrue(me.address().startsWith("127.0.0.1:"), me.address());
            assertEquals(0L, me.consumerGroupsCount());

            UserInfoDetails alice = root.users().createUser("alice", "secret-1", UserStatus.Active, Optional.empty());
            assertEquals(1L, alice.id());
        }
        try (IggyTcpClient alice = server.anonymousClient()) {
            assertEquals(1L, alice.users().login("alice", "secret-1").userId());
            assertEquals(Optional.of(1L), alice.system().getMe().userId());
            // no permissions at all: authenticated but not allowed to list streams
            assertIggyError(41, () -> alice.streams().getStreams());
        }
    }

    @Test
    void rawGetMeShowsUserZeroAfterLoginOnly() throws Exception {
        try (RawConnection raw = new RawConnection(server.tcpAddress())) {
            assertEquals(40, raw.call(RawConnection.GET_ME, new byte[0]).status());

            RawConnection.Reply login = raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
            assertEquals(0, login.status());
            assertEquals(4, login.payload().length);
            assertEquals(0, login.body().getInt());

            RawConnection.Reply me = raw.call(RawConnection.GET_ME, new byte[0]);
            assertEquals(0, me.status());
            ByteBuffer b = me.body();
            b.getInt();                     // client id
            assertEquals(0, b.getInt());    // user id: root
            assertEquals(1, b.get());       // transport: TCP
            int addressLength = b.getInt();
            byte[] address = new byte[addressLength];
            b.get(address);
            assertEquals(0, b.getInt());    // consumer groups
            assertEquals(0, b.remaining());
        }
    }

    @Test
    void rawWrongPasswordAnswersStatus42WithoutBody() throws Exception {
        try (RawConnection raw = new RawConnection(server.tcpAddress())) {
            RawConnection.Reply reply = raw.login(TestServer.ROOT_USERNAME, "nope-nope");
            assertEquals(42, reply.status());
            assertEquals(0, reply.payload().length);
            assertEquals(0, raw.ping().status());
        }
    }
}
