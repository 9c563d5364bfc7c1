package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.iggyj.kernel.auth.Rights;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.ChangePassword;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.request.ConsumerOffsetRef;
import org.iggyj.protocol.request.CreateConsumerGroup;
import org.iggyj.protocol.request.CreatePersonalAccessToken;
import org.iggyj.protocol.request.CreateStream;
import org.iggyj.protocol.request.CreateTopic;
import org.iggyj.protocol.request.CreateUser;
import org.iggyj.protocol.request.DeleteSegments;
import org.iggyj.protocol.request.FlushUnsavedBuffer;
import org.iggyj.protocol.request.GetClient;
import org.iggyj.protocol.request.GetSnapshot;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.request.LoginWithPersonalAccessToken;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.request.PartitionsChange;
import org.iggyj.protocol.request.PatName;
import org.iggyj.protocol.request.PollMessages;
import org.iggyj.protocol.request.SendMessagesRequest;
import org.iggyj.protocol.request.StoreConsumerOffset;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.request.TopicRef;
import org.iggyj.protocol.request.UpdatePermissions;
import org.iggyj.protocol.request.UpdateStream;
import org.iggyj.protocol.request.UpdateTopic;
import org.iggyj.protocol.request.UpdateUser;
import org.iggyj.protocol.request.UserRef;
import org.iggyj.protocol.request.UserStatus;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.PollingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The permission matrix end to end, for every command the dispatcher implements: a user without
 * permissions gets 41 (or, for commands that need none, does not); a user holding exactly one
 * right gets 41 precisely when the matrix says that right does not allow the command; a scoped
 * right on another stream or topic never allows it. Commands this server does not implement yet
 * (they answer 5) are skipped, so they are covered as soon as they are registered.
 *
 * <p>Fixture: stream 0 with topic 0 (one partition) and a user "victim" to act on; root puts them
 * back after every command that may have removed them.
 */
@Timeout(300)
class PermissionMatrixIT {

    /** Commands owned by other parts of issue #3 that may not be registered in this build. */
    private static final Set<Integer> MAY_BE_UNIMPLEMENTED = Set.of(CommandCode.GET_SNAPSHOT,
            CommandCode.GET_CLUSTER_METADATA, CommandCode.DELETE_SEGMENTS, CommandCode.GET_CONSUMER_GROUP,
            CommandCode.GET_CONSUMER_GROUPS, CommandCode.CREATE_CONSUMER_GROUP, CommandCode.DELETE_CONSUMER_GROUP,
            CommandCode.JOIN_CONSUMER_GROUP, CommandCode.LEAVE_CONSUMER_GROUP);
    private static final int FEATURE_UNAVAILABLE = 5;
    private static final int UNAUTHENTICATED = 40;
    private static final int UNAUTHORIZED = 41;
    private static final long OTHER_SCOPE = 7;

    private static final Identifier S0 = Identifier.numeric(0);
    private static final Identifier T0 = Identifier.numeric(0);
    private static final Identifier VICTIM = Identifier.named("victim");
    private static final Identifier GROUP = Identifier.named("g");
    private static final org.iggyj.protocol.wire.Consumer CONSUMER =
            org.iggyj.protocol.wire.Consumer.consumer(Identifier.numeric(1));

    @TempDir
    Path dataDir;

    private TestServer server;
    private RawConnection root;
    private RawConnection none;
    private RawConnection grantee;
    private final AtomicInteger unique = new AtomicInteger();

    /** One command to try; {@code grants} null means it needs no permission. */
    private record Case(int code, String label, Supplier<byte[]> payload, Set<String> grants) {
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir);
        root = new RawConnection(server.tcpAddress());
        expectOk(root.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD));
        expectOk(root.call(CommandCode.CREATE_USER, bytes(new CreateUser("none", "none-pw", UserStatus.ACTIVE,
                null)::encode)));
        expectOk(root.call(CommandCode.CREATE_USER, bytes(new CreateUser("grantee", "grantee-pw", UserStatus.ACTIVE,
                null)::encode)));
        ensureFixture();
        none = new RawConnection(server.tcpAddress());
        expectOk(none.login("none", "none-pw"));
        grantee = new RawConnection(server.tcpAddress());
        expectOk(grantee.login("grantee", "grantee-pw"));
    }

    @AfterEach
    void stop() throws IOException {
        for (RawConnection c : new RawConnection[] {root, none, grantee}) {
            if (c != null) {
                c.close();
            }
        }
        server.close();
    }

    @Test
    void shouldEnforceTheMatrixOnEveryImplementedCommand() throws Exception {
        List<Case> cases = cases();
        assertEquals(commandCodes(), cases.stream().map(Case::code).collect(Collectors.toCollection(TreeSet::new)),
                "every command code has a case");
        List<String> failures = new ArrayList<>();
        Set<Integer> skipped = new TreeSet<>();
        for (Case c : cases) {
            int status = none.call(c.code(), c.payload().get()).status();
            if (status == FEATURE_UNAVAILABLE) {
                skipped.add(c.code());
            } else if (c.grants() == null ? status == UNAUTHORIZED : status != UNAUTHORIZED) {
                failures.add(c.label() + " without permissions -> " + status);
            }
            if (c.grants() == null) {
                reloginIfLoggedOut(none, "none", "none-pw");
            }
            ensureFixture();
        }
        assertTrue(MAY_BE_UNIMPLEMENTED.containsAll(skipped), "unimplemented: " + skipped);
        List<Case> checked = cases.stream().filter(c -> c.grants() != null && !skipped.contains(c.code())).toList();
        for (String right : Rights.all()) {
            grant(Rights.only(right, 0, 0));
            for (Case c : checked) {
                int status = grantee.call(c.code(), c.payload().get()).status();
                boolean allowed = c.grants().contains(right);
                if ((status == UNAUTHORIZED) == allowed || status == UNAUTHENTICATED || status == FEATURE_UNAVAILABLE) {
                    failures.add(c.label() + " with " + right + " -> " + status);
                }
                ensureFixture();
            }
            if (!right.startsWith("g.")) {
                checkOtherScopeIsRefused(right, checked, failures);
            }
        }
        assertEquals(List.of(), failures);
    }

    private void checkOtherScopeIsRefused(String right, List<Case> checked, List<String> failures) throws IOException {
        boolean streamRight = right.startsWith("s.");
        grant(Rights.only(right, streamRight ? OTHER_SCOPE : 0, streamRight ? 0 : OTHER_SCOPE));
        for (Case c : checked) {
            if (c.grants().contains(right)) {
                int status = grantee.call(c.code(), c.payload().get()).status();
                if (status != UNAUTHORIZED) {
                    failures.add(c.label() + " with " + right + " on another " + (streamRight ? "stream" : "topic")
                            + " -> " + status);
                }
                ensureFixture();
            }
        }
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        free(cases, CommandCode.PING, "ping", () -> new byte[0]);
        free(cases, CommandCode.GET_SNAPSHOT, "get_snapshot", () -> bytes(new GetSnapshot(1, new int[] {4})::encode));
        free(cases, CommandCode.GET_CLUSTER_METADATA, "get_cluster_metadata", () -> new byte[0]);
        free(cases, CommandCode.GET_ME, "get_me", () -> new byte[0]);
        free(cases, CommandCode.GET_USER, "get_user of self", () -> bytes(new UserRef(Identifier.named("none"))::encode));
        free(cases, CommandCode.CHANGE_PASSWORD, "change_password of self",
                () -> bytes(new ChangePassword(Identifier.named("none"), "none-pw", "none-pw")::encode));
        free(cases, CommandCode.LOGIN_USER, "login_user", () -> bytes(new LoginUser("none", "none-pw", "", "")::encode));
        free(cases, CommandCode.LOGOUT_USER, "logout_user", () -> new byte[0]);
        free(cases, CommandCode.GET_PERSONAL_ACCESS_TOKENS, "get_personal_access_tokens", () -> new byte[0]);
        free(cases, CommandCode.CREATE_PERSONAL_ACCESS_TOKEN, "create_personal_access_token",
                () -> bytes(new CreatePersonalAccessToken("pat-" + unique.incrementAndGet(), 0)::encode));
        free(cases, CommandCode.DELETE_PERSONAL_ACCESS_TOKEN, "delete_personal_access_token",
                () -> bytes(new PatName("missing")::encode));
        free(cases, CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN, "login_with_personal_access_token",
                () -> bytes(new LoginWithPersonalAccessToken("not-a-token")::encode));

        add(cases, CommandCode.GET_STATS, "get_stats", Rights.SERVER, () -> new byte[0]);
        add(cases, CommandCode.GET_CLIENT, "get_client", Rights.SERVER, () -> bytes(new GetClient(1)::encode));
        add(cases, CommandCode.GET_CLIENTS, "get_clients", Rights.SERVER, () -> new byte[0]);
        add(cases, CommandCode.GET_USER, "get_user of another", Rights.READ_USERS,
                () -> bytes(new UserRef(VICTIM)::encode));
        add(cases, CommandCode.GET_USERS, "get_users", Rights.READ_USERS, () -> new byte[0]);
        add(cases, CommandCode.CREATE_USER, "create_user", Rights.MANAGE_USERS, () -> bytes(new CreateUser(
                "user-" + unique.incrementAndGet(), "secret", UserStatus.ACTIVE, null)::encode));
        add(cases, CommandCode.DELETE_USER, "delete_user", Rights.MANAGE_USERS, () -> bytes(new UserRef(VICTIM)::encode));
        add(cases, CommandCode.UPDATE_USER, "update_user", Rights.MANAGE_USERS,
                () -> bytes(new UpdateUser(VICTIM, null, UserStatus.ACTIVE)::encode));
        add(cases, CommandCode.UPDATE_PERMISSIONS, "update_permissions", Rights.MANAGE_USERS,
                () -> bytes(new UpdatePermissions(VICTIM, null)::encode));
        add(cases, CommandCode.CHANGE_PASSWORD, "change_password of another", Rights.MANAGE_USERS,
                () -> bytes(new ChangePassword(VICTIM, "victim-pw", "victim-pw")::encode));
        addMessageCases(cases);
        addStreamAndTopicCases(cases);
        addGroupCases(cases);
        return cases;
    }

    private void addMessageCases(List<Case> cases) {
        add(cases, CommandCode.POLL_MESSAGES, "poll_messages", Rights.POLL, () -> bytes(new PollMessages(CONSUMER, S0,
                T0, 0, PollingStrategy.first(), 1, false)::encode));
        add(cases, CommandCode.SEND_MESSAGES, "send_messages", Rights.SEND, () -> bytes(out -> SendMessagesRequest
                .encode(out, S0, T0, Partitioning.partitionId(0), List.of(MessageDraft.of(new byte[] {1})))));
        add(cases, CommandCode.FLUSH_UNSAVED_BUFFER, "flush_unsaved_buffer", Rights.SEND,
                () -> bytes(new FlushUnsavedBuffer(S0, T0, 0, false)::encode));
        add(cases, CommandCode.GET_CONSUMER_OFFSET, "get_consumer_offset", Rights.POLL,
                () -> bytes(new ConsumerOffsetRef(CONSUMER, S0, T0, 0)::encode));
        add(cases, CommandCode.STORE_CONSUMER_OFFSET, "store_consumer_offset", Rights.POLL,
                () -> bytes(new StoreConsumerOffset(CONSUMER, S0, T0, 0, 0)::encode));
        add(cases, CommandCode.DELETE_CONSUMER_OFFSET, "delete_consumer_offset", Rights.POLL,
                () -> bytes(new ConsumerOffsetRef(CONSUMER, S0, T0, 0)::encode));
    }

    private void addStreamAndTopicCases(List<Case> cases) {
        add(cases, CommandCode.GET_STREAM, "get_stream", Rights.READ_STREAM, () -> bytes(new StreamRef(S0)::encode));
        add(cases, CommandCode.GET_STREAMS, "get_streams", Rights.LIST_STREAMS, () -> new byte[0]);
        add(cases, CommandCode.CREATE_STREAM, "create_stream", Rights.CREATE_STREAM,
                () -> bytes(new CreateStream("extra-" + unique.incrementAndGet())::encode));
        add(cases, CommandCode.DELETE_STREAM, "delete_stream", Rights.MANAGE_STREAM,
                () -> bytes(new StreamRef(S0)::encode));
        add(cases, CommandCode.UPDATE_STREAM, "update_stream", Rights.MANAGE_STREAM,
                () -> bytes(new UpdateStream(S0, "s")::encode));
        add(cases, CommandCode.PURGE_STREAM, "purge_stream", Rights.MANAGE_STREAM, () -> bytes(new StreamRef(S0)::encode));
        add(cases, CommandCode.GET_TOPIC, "get_topic", Rights.READ_TOPIC, () -> bytes(new TopicRef(S0, T0)::encode));
        add(cases, CommandCode.GET_TOPICS, "get_topics", Rights.LIST_TOPICS, () -> bytes(new StreamRef(S0)::encode));
        add(cases, CommandCode.CREATE_TOPIC, "create_topic", Rights.CREATE_TOPIC, () -> bytes(new CreateTopic(S0, 1, 1,
                0, 0, 0, "extra-" + unique.incrementAndGet())::encode));
        add(cases, CommandCode.DELETE_TOPIC, "delete_topic", Rights.MANAGE_TOPIC, () -> bytes(new TopicRef(S0, T0)::encode));
        add(cases, CommandCode.UPDATE_TOPIC, "update_topic", Rights.MANAGE_TOPIC,
                () -> bytes(new UpdateTopic(S0, T0, 1, 0, 0, 0, "t")::encode));
        add(cases, CommandCode.PURGE_TOPIC, "purge_topic", Rights.MANAGE_TOPIC, () -> bytes(new TopicRef(S0, T0)::encode));
        add(cases, CommandCode.CREATE_PARTITIONS, "create_partitions", Rights.MANAGE_TOPIC,
                () -> bytes(new PartitionsChange(S0, T0, 1)::encode));
        add(cases, CommandCode.DELETE_PARTITIONS, "delete_partitions", Rights.MANAGE_TOPIC,
                () -> bytes(new PartitionsChange(S0, T0, 1)::encode));
        add(cases, CommandCode.DELETE_SEGMENTS, "delete_segments", Rights.MANAGE_TOPIC,
                () -> bytes(new DeleteSegments(S0, T0, 0, 1)::encode));
    }

    private void addGroupCases(List<Case> cases) {
        add(cases, CommandCode.GET_CONSUMER_GROUP, "get_consumer_group", Rights.READ_TOPIC,
                () -> bytes(new ConsumerGroupRef(S0, T0, GROUP)::encode));
        add(cases, CommandCode.GET_CONSUMER_GROUPS, "get_consumer_groups", Rights.READ_TOPIC,
                () -> bytes(new TopicRef(S0, T0)::encode));
        add(cases, CommandCode.CREATE_CONSUMER_GROUP, "create_consumer_group", Rights.READ_TOPIC,
                () -> bytes(new CreateConsumerGroup(S0, T0, "g-" + unique.incrementAndGet())::encode));
        add(cases, CommandCode.DELETE_CONSUMER_GROUP, "delete_consumer_group", Rights.READ_TOPIC,
                () -> bytes(new ConsumerGroupRef(S0, T0, GROUP)::encode));
        add(cases, CommandCode.JOIN_CONSUMER_GROUP, "join_consumer_group", Rights.READ_TOPIC,
                () -> bytes(new ConsumerGroupRef(S0, T0, GROUP)::encode));
        add(cases, CommandCode.LEAVE_CONSUMER_GROUP, "leave_consumer_group", Rights.READ_TOPIC,
                () -> bytes(new ConsumerGroupRef(S0, T0, GROUP)::encode));
    }

    private static void free(List<Case> cases, int code, String label, Supplier<byte[]> payload) {
        cases.add(new Case(code, label, payload, null));
    }

    private static void add(List<Case> cases, int code, String label, Set<String> grants, Supplier<byte[]> payload) {
        cases.add(new Case(code, label, payload, grants));
    }

    /** Puts back stream 0, its topic 0 and the victim user when a command removed them. */
    private void ensureFixture() throws IOException {
        if (root.call(CommandCode.GET_STREAM, bytes(new StreamRef(S0)::encode)).payload().length == 0) {
            expectOk(root.call(CommandCode.CREATE_STREAM, bytes(new CreateStream("s")::encode)));
        }
        if (root.call(CommandCode.GET_TOPIC, bytes(new TopicRef(S0, T0)::encode)).payload().length == 0) {
            expectOk(root.call(CommandCode.CREATE_TOPIC, bytes(new CreateTopic(S0, 1, 1, 0, 0, 0, "t")::encode)));
        }
        if (root.call(CommandCode.GET_USER, bytes(new UserRef(VICTIM)::encode)).payload().length == 0) {
            expectOk(root.call(CommandCode.CREATE_USER, bytes(new CreateUser("victim", "victim-pw", UserStatus.ACTIVE,
                    null)::encode)));
        }
    }

    private void grant(Permissions permissions) throws IOException {
        expectOk(root.call(CommandCode.UPDATE_PERMISSIONS,
                bytes(new UpdatePermissions(Identifier.named("grantee"), permissions)::encode)));
    }

    private static void reloginIfLoggedOut(RawConnection c, String username, String password) throws IOException {
        if (c.call(CommandCode.GET_ME, new byte[0]).status() == UNAUTHENTICATED) {
            expectOk(c.login(username, password));
        }
    }

    private static void expectOk(RawConnection.Reply reply) {
        assertEquals(0, reply.status(), "fixture command failed");
    }

    private static Set<Integer> commandCodes() throws IllegalAccessException {
        Set<Integer> codes = new TreeSet<>();
        for (Field f : CommandCode.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                codes.add(f.getInt(null));
            }
        }
        return codes;
    }

    private static byte[] bytes(Consumer<ByteBuf> writer) {
        ByteBuf buf = Unpooled.buffer();
        try {
            writer.accept(buf);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }
}
