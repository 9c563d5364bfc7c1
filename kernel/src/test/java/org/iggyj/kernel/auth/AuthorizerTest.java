package org.iggyj.kernel.auth;

import static org.iggyj.kernel.auth.Authorizer.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.UserRecord;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.kernel.session.SessionRegistry;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.TransportKind;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.StreamPermissions;
import org.iggyj.protocol.wire.TopicPermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix of server-semantics §3.14, transcribed as a table: for every operation, the
 * single rights (global {@code g.}, on stream 1 {@code s.}, on topic 2 of stream 1 {@code t.}) that
 * each allow it on topic 2 of stream 1. Every other single right must be refused.
 */
class AuthorizerTest {

    private static final long STREAM = 1;
    private static final long TOPIC = 2;

    private static final List<String> GLOBAL = List.of("manageServers", "readServers", "manageUsers", "readUsers",
            "manageStreams", "readStreams", "manageTopics", "readTopics", "pollMessages", "sendMessages");
    private static final List<String> STREAM_RIGHTS = List.of("manageStream", "readStream", "manageTopics",
            "readTopics", "pollMessages", "sendMessages");
    private static final List<String> TOPIC_RIGHTS = List.of("manageTopic", "readTopic", "pollMessages",
            "sendMessages");

    private static final Map<Operation, Set<String>> MATRIX = new EnumMap<>(Operation.class);

    static {
        Set<String> readTopic = Set.of("g.manageStreams", "g.readStreams", "g.manageTopics", "g.readTopics",
                "s.manageStream", "s.readStream", "s.manageTopics", "s.readTopics", "t.manageTopic", "t.readTopic");
        MATRIX.put(Operation.READ_SERVER, Set.of("g.manageServers", "g.readServers"));
        MATRIX.put(Operation.READ_USERS, Set.of("g.manageUsers", "g.readUsers"));
        MATRIX.put(Operation.MANAGE_USERS, Set.of("g.manageUsers"));
        MATRIX.put(Operation.LIST_STREAMS, Set.of("g.manageStreams", "g.readStreams"));
        MATRIX.put(Operation.READ_STREAM, Set.of("g.manageStreams", "g.readStreams", "s.manageStream",
                "s.readStream"));
        MATRIX.put(Operation.CREATE_STREAM, Set.of("g.manageStreams"));
        MATRIX.put(Operation.MANAGE_STREAM, Set.of("g.manageStreams", "s.manageStream"));
        MATRIX.put(Operation.LIST_TOPICS, Set.of("g.manageStreams", "g.readStreams", "g.manageTopics",
                "g.readTopics", "s.manageStream", "s.readStream", "s.manageTopics", "s.readTopics"));
        MATRIX.put(Operation.READ_TOPIC, readTopic);
        MATRIX.put(Operation.CREATE_TOPIC, Set.of("g.manageStreams", "g.manageTopics", "s.manageStream",
                "s.manageTopics"));
        MATRIX.put(Operation.MANAGE_TOPIC, Set.of("g.manageStreams", "g.manageTopics", "s.manageStream",
                "s.manageTopics", "t.manageTopic"));
        MATRIX.put(Operation.POLL_MESSAGES, Set.of("g.pollMessages", "g.manageStreams", "g.readStreams",
                "g.manageTopics", "g.readTopics", "s.manageStream", "s.readStream", "s.manageTopics", "s.readTopics",
                "s.pollMessages", "t.manageTopic", "t.readTopic", "t.pollMessages"));
        MATRIX.put(Operation.SEND_MESSAGES, Set.of("g.sendMessages", "g.manageStreams", "g.manageTopics",
                "s.manageStream", "s.manageTopics", "s.sendMessages", "t.manageTopic", "t.sendMessages"));
    }

    static List<String> singleRights() {
        List<String> all = new ArrayList<>();
        GLOBAL.forEach(r -> all.add("g." + r));
        STREAM_RIGHTS.forEach(r -> all.add("s." + r));
        TOPIC_RIGHTS.forEach(r -> all.add("t." + r));
        return all;
    }

    /** @return permissions holding exactly one right, scoped to the given stream and topic */
    static Permissions only(String right, long streamId, long topicId) {
        String name = right.substring(2);
        boolean[] g = new boolean[10];
        if (right.startsWith("g.")) {
            g[GLOBAL.indexOf(name)] = true;
            return global(g);
        }
        boolean[] s = new boolean[6];
        TreeMap<Long, TopicPermissions> topics = new TreeMap<>();
        if (right.startsWith("s.")) {
            s[STREAM_RIGHTS.indexOf(name)] = true;
        } else {
            boolean[] t = new boolean[4];
            t[TOPIC_RIGHTS.indexOf(name)] = true;
            topics.put(topicId, new TopicPermissions(t[0], t[1], t[2], t[3]));
        }
        StreamPermissions stream = new StreamPermissions(s[0], s[1], s[2], s[3], s[4], s[5], topics);
        return new Permissions(false, false, false, false, false, false, false, false, false, false,
                new TreeMap<>(Map.of(streamId, stream)));
    }

    private static Permissions global(boolean[] g) {
        return new Permissions(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], new TreeMap<>());
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Operation op : Operation.values()) {
            for (String right : singleRights()) {
                cases.add(Arguments.of(op, right, MATRIX.get(op).contains(right)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("matrix")
    void shouldFollowTheMatrixForEverySingleRight(Operation op, String right, boolean allowed) {
        assertEquals(allowed, Authorizer.allows(only(right, STREAM, TOPIC), op, STREAM, TOPIC));
    }

    @ParameterizedTest(name = "{0} with {1} on another stream or topic is refused")
    @MethodSource("matrix")
    void shouldNotLetScopedRightsLeakToOtherStreamsOrTopics(Operation op, String right, boolean allowed) {
        boolean global = right.startsWith("g.");
        assertEquals(allowed && global, Authorizer.allows(only(right, STREAM + 1, TOPIC), op, STREAM, TOPIC));
        boolean expectedOnOtherTopic = allowed && !right.startsWith("t.");
        assertEquals(expectedOnOtherTopic, Authorizer.allows(only(right, STREAM, TOPIC + 1), op, STREAM, TOPIC));
        // An entity that does not exist is checked without scope: only global rights count.
        assertEquals(allowed && global, Authorizer.allows(only(right, STREAM, TOPIC), op, NONE, NONE));
    }

    @Test
    void shouldRefuseEverythingWithoutPermissionsAndAllowEverythingWithAll() {
        for (Operation op : Operation.values()) {
            assertFalse(Authorizer.allows(null, op, STREAM, TOPIC), op.name());
            assertTrue(Authorizer.allows(Permissions.all(), op, NONE, NONE), op.name());
        }
    }

    @Test
    void shouldLetRootDoAnythingAndRefuseOthersWithUnauthorized() {
        SessionRegistry registry = new SessionRegistry();
        ClientSession root = session(registry, UserRecord.ROOT_ID);
        ClientSession alice = session(registry, 1);
        ClientSession ghost = session(registry, 9);
        TreeMap<Long, UserRecord> users = new TreeMap<>();
        // Root's stored permissions do not matter: it holds every right.
        users.put(0L, new UserRecord(0, "iggy", "$", 1, 0, null));
        users.put(1L, new UserRecord(1, "alice", "$", 1, 0, only("g.readStreams", 0, 0)));
        Metadata md = new Metadata(Metadata.EMPTY.streams(), Collections.unmodifiableNavigableMap(users));
        Authorizer authorizer = new Authorizer();

        for (Operation op : Operation.values()) {
            authorizer.require(md, root, op, STREAM, TOPIC);
            IggyException denied = assertThrows(IggyException.class, () -> authorizer.require(md, ghost, op, NONE,
                    NONE));
            assertEquals(ErrorCode.UNAUTHORIZED, denied.errorCode());
        }
        authorizer.require(md, alice, Operation.LIST_STREAMS, NONE, NONE);
        IggyException denied = assertThrows(IggyException.class,
                () -> authorizer.require(md, alice, Operation.CREATE_STREAM, NONE, NONE));
        assertEquals(ErrorCode.UNAUTHORIZED, denied.errorCode());
    }

    private static ClientSession session(SessionRegistry registry, long userId) {
        ClientSession s = (ClientSession) registry.open(TransportKind.TCP, new InetSocketAddress("127.0.0.1",
                4000 + (int) userId));
        s.login(userId);
        return s;
    }
}
