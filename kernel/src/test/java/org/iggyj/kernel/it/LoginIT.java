package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.IggyErrors.assertIggyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.system.ClientInfoDetails;
import org.apache.iggy.user.IdentityInfo;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Login, authentication errors and get_me through the official Java SDK (plus a raw get_me, since
 * the SDK shows user id 0 as "no user").
 */
@Timeout(120)
class LoginIT {

    private static final int GET_USERS = 32;
    private static final int LOGOUT_USER = 39;
    private static final int GET_STREAMS = 201;

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = servers.start();
    }

    @Test
    void rootLoginAnswersUserZero() {
        try (IggyTcpClient client = server.anonymousClient()) {
            IdentityInfo identity = client.users().login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
            assertEquals(0L, identity.userId());
            SdkLogin.settled(client);
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
    void wrongPasswordOrUnknownUserIsInvalidCredentials() throws Exception {
        try (IggyTcpClient client = server.anonymousClient()) {
            assertIggyError(42, () -> client.users().login(TestServer.ROOT_USERNAME, "wrong-password"));
            assertIggyError(42, () -> client.users().login("nobody", TestServer.ROOT_PASSWORD));
            // a failed login does not spoil the connection
            assertEquals(0L, client.users().login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).userId());
        }
        try (RawConnection raw = new RawConnection(server.tcpAddress())) {
            assertEquals(42, raw.login(TestServer.ROOT_USERNAME, "wrong-password").status());
            // the failed login left the connection unauthenticated
            assertEquals(40, raw.call(GET_STREAMS, new byte[0]).status());
        }
    }

    /**
     * The Java SDK refuses commands client-side before login ("Not authenticated, call login
     * first"), so the server's answer is checked on a raw connection.
     */
    @Test
    void commandsWithoutLoginAreUnauthenticated() throws Exception {
        try (RawConnection raw = new RawConnection(server.tcpAddress())) {
            RawConnection.Reply streams = raw.call(GET_STREAMS, new byte[0]);
            assertEquals(40, streams.status());
            assertEquals(0, streams.payload().length);
            assertEquals(40, raw.call(RawConnection.CREATE_STREAM, new byte[] {1, 's'}).status());
            assertEquals(40, raw.call(RawConnection.GET_ME, new byte[0]).status());
            assertEquals(40, raw.call(GET_USERS, new byte[0]).status());
            assertEquals(0, raw.ping().status());
            // after login the same command succeeds (no streams yet: empty list)
            assertEquals(0, raw.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
            RawConnection.Reply after = raw.call(GET_STREAMS, new byte[0]);
            assertEquals(0, after.status());
            assertEquals(0, after.payload().length);
            // and logout makes it unauthenticated again
            assertEquals(0, raw.call(LOGOUT_USER, new byte[0]).status());
            assertEquals(40, raw.call(GET_STREAMS, new byte[0]).status());
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
    void getMeAfterLoginShowsTheRootUser() {
        try (IggyTcpClient root = server.loggedInClient()) {
            ClientInfoDetails me = root.system().getMe();
            // The Java SDK maps user id 0 (root) to Optional.empty() (binary-protocol.md §8.2 J2);
            // rawGetMeShowsUserZeroAfterLoginOnly checks the 0 on the wire.
            assertEquals(Optional.empty(), me.userId());
            assertEquals("Tcp", me.transport());
            assertTrue(me.address().startsWith("127.0.0.1:"), me.address());
            assertEquals(0L, me.consumerGroupsCount());
            assertEquals(List.of(), me.consumerGroups());
        }
    }

    @Test
    void otherUserLogsInWithItsOwnId() {
        try (IggyTcpClient root = server.loggedInClient()) {
            UserInfoDetails alice = root.users().createUser("alice", "secret-1", UserStatus.Active, Optional.empty());
            assertEquals(1L, alice.id());
        }
        try (IggyTcpClient alice = server.anonymousClient()) {
            assertEquals(1L, alice.users().login("alice", "secret-1").userId());
            SdkLogin.settled(alice);
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
