package org.iggyj.kernel.it;

import static org.iggyj.kernel.it.IggyErrors.assertIggyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.UserId;
import org.apache.iggy.user.GlobalPermissions;
import org.apache.iggy.user.Permissions;
import org.apache.iggy.user.StreamPermissions;
import org.apache.iggy.user.TopicPermissions;
import org.apache.iggy.user.UserInfo;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * User management through the official Java SDK: create, get, list, update, permissions, password
 * changes and deletion, with Iggy's error codes.
 */
@Timeout(120)
class UsersIT {

    private static final int GET_USER = 31;

    @RegisterExtension
    final TestServers servers = new TestServers();

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = servers.start();
    }

    private static Permissions readStreamsAnd(Map<Long, StreamPermissions> streams) {
        return new Permissions(new GlobalPermissions(false, false, false, false, false, true, false, false, false,
                false), streams);
    }

    @Test
    void shouldCreateGetListUpdateAndDeleteUsers() throws Exception {
        Permissions permissions = readStreamsAnd(Map.of(3L, new StreamPermissions(false, true, false, false, true,
                false, Map.of(5L, new TopicPermissions(false, true, true, false)))));
        try (IggyTcpClient root = server.singleConnectionClient()) {
            UserInfoDetails alice = root.users().createUser("alice", "secret-1", UserStatus.Active,
                    Optional.of(permissions));
            assertEquals(1L, alice.id());
            assertEquals("alice", alice.username());
            assertEquals(UserStatus.Active, alice.status());
            assertEquals(Optional.of(permissions), alice.permissions());
            UserInfoDetails bob = root.users().createUser("bob", "secret-2", UserStatus.Inactive, Optional.empty());
            assertEquals(2L, bob.id());

            assertEquals(Optional.of(permissions), root.users().getUser(1L).orElseThrow().permissions());
            assertEquals(1L, root.users().getUser(UserId.of("alice")).orElseThrow().id());
            assertEquals(Optional.empty(), root.users().getUser(2L).orElseThrow().permissions());
            assertEquals(Optional.empty(), root.users().getUser(77L));
            UserInfoDetails rootDetails = root.users().getUser(0L).orElseThrow();
            assertTrue(rootDetails.permissions().orElseThrow().global().manageServers());
            List<UserInfo> users = root.users().getUsers();
            assertEquals(List.of("iggy", "alice", "bob"), users.stream().map(UserInfo::username).toList());
            assertEquals(List.of(0L, 1L, 2L), users.stream().map(UserInfo::id).toList());

            root.users().updateUser(2L, Optional.of("robert"), Optional.of(UserStatus.Active));
            UserInfoDetails robert = root.users().getUser(2L).orElseThrow();
            assertEquals("robert", robert.username());
            assertEquals(UserStatus.Active, robert.status());

            root.users().updatePermissions(1L, Optional.empty());
            assertEquals(Optional.empty(), root.users().getUser(1L).orElseThrow().permissions());
            root.users().updatePermissions(1L, Optional.of(permissions));

            root.users().deleteUser(2L);
            assertEquals(Optional.empty(), root.users().getUser(2L));
            // the lowest free id is reused
            assertEquals(2L, root.users().createUser("carol", "secret-3", UserStatus.Active, Optional.empty()).id());
        }
        server.restart();
        try (IggyTcpClient client = server.singleConnectionClient()) {
            assertEquals(Optional.of(permissions), client.users().getUser(1L).orElseThrow().permissions());
            assertEquals("carol", client.users().getUser(2L).orElseThrow().username());
            assertEquals(1L, client.users().login("alice", "secret-1").userId());
            assertEquals(0, client.streams().getStreams().size(), "read_streams lets alice list streams");
        }
    }

    @Test
    void shouldAnswerIggyErrorsForBadUserRequests() {
        try (IggyTcpClient root = server.singleConnectionClient()) {
            root.users().createUser("alice", "secret-1", UserStatus.Active, Optional.empty());
            assertIggyError(46, () -> root.users().createUser("alice", "other-pass", UserStatus.Active,
                    Optional.empty()));
            assertIggyError(43, () -> root.users().createUser("al", "secret-1", UserStatus.Active, Optional.empty()));
            assertIggyError(44, () -> root.users().createUser("alfred", "no", UserStatus.Active, Optional.empty()));
            assertIggyError(48, () -> root.users().deleteUser(0L));
            assertIggyError(49, () -> root.users().updatePermissions(0L, Optional.empty()));
            assertIggyError(20, () -> root.users().deleteUser(9L));
            assertIggyError(20, () -> root.users().updateUser(9L, Optional.of("nobody"), Optional.empty()));
            assertIggyError(20, () -> root.users().updatePermissions(9L, Optional.empty()));
            assertIggyError(20, () -> root.users().changePassword(9L, "whatever", "whatever2"));
            assertIggyError(46, () -> root.users().updateUser(1L, Optional.of("iggy"), Optional.empty()));
            assertIggyError(43, () -> root.users().updateUser(1L, Optional.of("x"), Optional.empty()));
            // renaming a user to its own name is not a clash
            root.users().updateUser(1L, Optional.of("alice"), Optional.empty());
        }
    }

    @Test
    void shouldChangePasswordsOwnWithoutPermissionAndOthersWithManageUsers() {
        // One pooled connection, switching users by logging in again: with several, the SDK replays
        // logins lazily per connection and a call can run as the previous user.
        try (IggyTcpClient client = server.singleConnectionClient()) {
            client.users().createUser("alice", "secret-1", UserStatus.Active, Optional.empty());
            client.users().createUser("bob", "secret-2", UserStatus.Active, Optional.empty());

            client.users().login("alice", "secret-1");
            assertIggyError(42, () -> client.users().changePassword(1L, "wrong-one", "secret-9"));
            client.users().changePassword(1L, "secret-1", "secret-9");
            assertIggyError(41, () -> client.users().changePassword(2L, "secret-2", "hacked"));
            // reading itself needs no permission, others do
            assertEquals("alice", client.users().getUser(1L).orElseThrow().username());
            assertIggyError(41, () -> client.users().getUser(2L));
            assertIggyError(41, () -> client.users().getUsers());
            assertIggyError(41, () -> client.users().createUser("eve", "secret-5", UserStatus.Active,
                    Optional.empty()));

            assertIggyError(42, () -> client.users().login("alice", "secret-1"));
            assertEquals(1L, client.users().login("alice", "secret-9").userId());

            client.users().login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD);
            client.users().changePassword(2L, "secret-2", "secret-8");
            assertEquals(2L, client.users().login("bob", "secret-8").userId());
            assertEquals(Optional.of(2L), client.system().getMe().userId());
        }
    }

    @Test
    void shouldRefuseInactiveUsersAndLogOutDeletedOnes() throws Exception {
        try (IggyTcpClient root = server.singleConnectionClient()) {
            root.users().createUser("idle", "secret-1", UserStatus.Inactive, Optional.empty());
            root.users().createUser("gone", "secret-2", UserStatus.Active, Optional.empty());
        }
        try (RawConnection idle = new RawConnection(server.tcpAddress())) {
            assertEquals(47, idle.login("idle", "secret-1").status());
            assertEquals(42, idle.login("idle", "wrong-password").status());
        }
        try (RawConnection gone = new RawConnection(server.tcpAddress());
             IggyTcpClient root = server.singleConnectionClient()) {
            assertEquals(0, gone.login("gone", "secret-2").status());
            assertEquals(0, gone.call(GET_USER, numericId(2)).status());
            root.users().deleteUser(2L);
            assertEquals(40, gone.call(GET_USER, numericId(2)).status());
            assertEquals(42, gone.login("gone", "secret-2").status());
        }
    }

    private static byte[] numericId(int id) {
        return ByteBuffer.allocate(6).order(java.nio.ByteOrder.LITTLE_ENDIAN).put((byte) 1).put((byte) 4).putInt(id)
                .array();
    }
}
