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

    private static final Map<Operation, Set<String>> MATRIX = new EnumMap<>(Operation.class);

    static {
        MATRIX.put(Operation.READ_SERVER, Rights.SERVER);
        MATRIX.put(Operation.READ_USERS, Rights.READ_USERS);
        MATRIX.put(Operation.MANAGE_USERS, Rights.MANAGE_USERS);
        MATRIX.put(Operation.LIST_STREAMS, Rights.LIST_STREAMS);
        MATRIX.put(Operation.READ_STREAM, Rights.READ_STREAM);
        MATRIX.put(Operation.CREATE_STREAM, Rights.CREATE_STREAM);
        MATRIX.put(Operation.MANAGE_STREAM, Rights.MANAGE_STREAM);
        MATRIX.put(Operation.LIST_TOPICS, Rights.LIST_TOPICS);
        MATRIX.put(Operation.READ_TOPIC, Rights.READ_TOPIC);
        MATRIX.put(Operation.CREATE_TOPIC, Rights.CREATE_TOPIC);
        MATRIX.put(Operation.MANAGE_TOPIC, Rights.MANAGE_TOPIC);
        MATRIX.put(Operation.POLL_MESSAGES, Rights.POLL);
        MATRIX.put(Operation.SEND_MESSAGES, Rights.SEND);
    }

    private static Permissions only(String right, long streamId, long topicId) {
        return Rights.only(right, streamId, topicId);
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Operation op : Operation.values()) {
            for (String right : Rights.all()) {
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
