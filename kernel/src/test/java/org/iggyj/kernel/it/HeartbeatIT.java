package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [heartbeat] enabled = true} with a one-second interval (binary-protocol.md §1.1,
 * server-semantics.md §3.15): a connection that never pings is dropped from its consumer group,
 * its next command gets 30 and the server closes it; a connection that pings stays. Everything
 * runs over raw frames, since the Java SDK 0.8 sends no heartbeats of its own.
 */
@Timeout(60)
class HeartbeatIT {

    private static final int GET_CONSUMER_GROUP = 600;
    private static final int CREATE_CONSUMER_GROUP = 602;
    private static final int JOIN_CONSUMER_GROUP = 604;
    private static final int CREATE_TOPIC = 302;
    private static final int STALE_CLIENT = 30;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dataDir;

    @Test
    void silentClientGoesStaleAndIsClosedWhilePingingClientStays() throws Exception {
        Map<String, String> env = Map.of("IGGY_HEARTBEAT_ENABLED", "true", "IGGY_HEARTBEAT_INTERVAL", "1 s");
        try (TestServer server = TestServer.start(dataDir, env);
             RawConnection pinging = new RawConnection(server.tcpAddress());
             RawConnection silent = new RawConnection(server.tcpAddress())) {
            assertEquals(0, pinging.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
            assertEquals(0, silent.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status());
            assertEquals(0, pinging.call(RawConnection.CREATE_STREAM, name("hb")).status());
            assertEquals(0, pinging.call(CREATE_TOPIC, createTopic("t")).status());
            assertEquals(0, pinging.call(CREATE_CONSUMER_GROUP, createGroup("g")).status());
            assertEquals(0, silent.call(JOIN_CONSUMER_GROUP, groupRef()).status());
            assertEquals(0, pinging.call(JOIN_CONSUMER_GROUP, groupRef()).status());
            assertEquals(2, membersCount(pinging));

            // Commands other than ping do not count as heartbeats: the silent one must go stale.
            long start = System.nanoTime();
            int status = 0;
            while (status == 0 && System.nanoTime() - start < GIVE_UP_NANOS) {
                assertEquals(0, pinging.ping().status());
                status = silent.call(RawConnection.GET_ME, new byte[0]).status();
                if (status == 0) {
                    Thread.sleep(100);
                }
            }
            assertEquals(STALE_CLIENT, status);
            assertClosedByServer(silent);

            assertEquals(0, pinging.ping().status());
            assertEquals(0, pinging.call(RawConnection.GET_ME, new byte[0]).status());
            assertEquals(1, membersCount(pinging), "the stale client left its group");
        }
    }

    /** The next read ends the stream (or the peer reset it); a read timeout would not count. */
    private static void assertClosedByServer(RawConnection connection) {
        IOException end = assertThrows(IOException.class, connection::read);
        // SocketTimeoutException is neither of these.
        assertTrue(end instanceof EOFException || end instanceof SocketException,
                "connection closed by the server, got " + end);
    }

    private static int membersCount(RawConnection connection) throws IOException {
        RawConnection.Reply group = connection.call(GET_CONSUMER_GROUP, groupRef());
        assertEquals(0, group.status());
        return group.body().getInt(8);
    }

    private static byte[] name(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return RawConnection.le(1 + bytes.length).put((byte) bytes.length).put(bytes).array();
    }

    private static ByteBuffer numeric(ByteBuffer b, int id) {
        return b.put((byte) 1).put((byte) 4).putInt(id);
    }

    private static byte[] createTopic(String topic) {
        byte[] n = name(topic);
        ByteBuffer b = RawConnection.le(6 + 4 + 1 + 8 + 8 + 1 + n.length);
        numeric(b, 0).putInt(1).put((byte) 1).putLong(0).putLong(0).put((byte) 1).put(n);
        return b.array();
    }

    private static byte[] createGroup(String group) {
        byte[] n = name(group);
        ByteBuffer b = RawConnection.le(12 + n.length);
        numeric(numeric(b, 0), 0).put(n);
        return b.array();
    }

    private static byte[] groupRef() {
        ByteBuffer b = RawConnection.le(18);
        numeric(numeric(numeric(b, 0), 0), 0);
        return b.array();
    }
}
