package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * get_snapshot, get_cluster_metadata and flush_unsaved_buffer over raw frames (the SDK 0.8.0 has
 * no call for them); binary-protocol §4.1, §4.4, §5.12 and server-semantics §3.17.
 */
@Timeout(120)
class SystemCommandsIT {

    private static final int STORED = 1;
    private static final int DEFLATED = 2;
    private static final int TEST = 4;
    private static final int SERVER_CONFIG = 6;
    private static final int ALL = 100;

    @RegisterExtension
    static final TestServers servers = new TestServers();

    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = servers.start();
        IggyTcpClient client = servers.closedWithServers(server.loggedInClient());
        client.streams().createStream("s");
        client.topics().createTopic(StreamId.of(0L), 1L, CompressionAlgorithm.None, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), "t");
    }

    /** Entry name to (method, content), in archive order. */
    private static Map<String, Map.Entry<Integer, String>> unzip(byte[] zip) throws IOException {
        Map<String, Map.Entry<Integer, String>> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), Map.entry(e.getMethod(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return entries;
    }

    @Test
    void shouldReturnZipWithRequestedEntriesWhenSnapshotIsDeflated() throws IOException {
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            RawConnection.Reply reply = RawCommands.snapshot(raw, DEFLATED, TEST, SERVER_CONFIG);

            assertEquals(0, reply.status());
            Map<String, Map.Entry<Integer, String>> entries = unzip(reply.payload());
            assertEquals(java.util.List.of("test.txt", "server_config.txt"), java.util.List.copyOf(entries.keySet()));
            assertEquals(Map.entry(ZipEntry.DEFLATED, "test"), entries.get("test.txt"));
            assertTrue(entries.get("server_config.txt").getValue().contains("[system]"),
                    entries.get("server_config.txt").getValue());
        }
    }

    @Test
    void shouldReturnEveryTypeButTestStoredWhenAllIsRequested() throws IOException {
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            RawConnection.Reply reply = RawCommands.snapshot(raw, STORED, ALL);

            assertEquals(0, reply.status());
            Map<String, Map.Entry<Integer, String>> entries = unzip(reply.payload());
            assertEquals(java.util.Set.of("filesystem_overview.txt", "process_list.txt", "resource_usage.txt",
                    "server_logs.txt", "server_config.txt"), entries.keySet());
            entries.values().forEach(e -> assertEquals(ZipEntry.STORED, e.getKey()));
            assertTrue(entries.get("process_list.txt").getValue().contains(Long.toString(ProcessHandle.current().pid())));
            assertTrue(entries.get("filesystem_overview.txt").getValue().contains("streams"));
        }
    }

    @Test
    void shouldAnswerInvalidCommandWhenSnapshotCompressionOrTypesAreBad() throws IOException {
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            assertEquals(3, RawCommands.snapshot(raw, 3, TEST).status(), "bzip2 is not offered");
            assertEquals(3, RawCommands.snapshot(raw, 7, TEST).status(), "unknown compression");
            assertEquals(3, RawCommands.snapshot(raw, DEFLATED, 7).status(), "unknown type");
            assertEquals(3, RawCommands.snapshot(raw, DEFLATED, ALL, TEST).status(), "all must be alone");
            assertEquals(0, raw.ping().status(), "connection still usable");
        }
    }

    @Test
    void shouldDescribeTheSingleNodeWhenClusterMetadataIsRequested() throws IOException {
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            RawConnection.Reply reply = raw.call(RawCommands.GET_CLUSTER_METADATA, new byte[0]);

            assertEquals(0, reply.status());
            ByteBuffer body = reply.body();
            assertEquals("single-node", str32(body));
            assertEquals(1, body.getInt());
            assertEquals("iggy-node", str32(body));
            assertEquals("127.0.0.1", str32(body));
            assertEquals(server.tcpAddress().getPort(), Short.toUnsignedInt(body.getShort()));
            assertEquals(0, body.getShort(), "quic not running");
            assertEquals(server.httpAddress().getPort(), Short.toUnsignedInt(body.getShort()), "http port");
            assertEquals(0, body.getShort(), "websocket not running");
            assertEquals(0, body.get(), "leader");
            assertEquals(0, body.get(), "healthy");
            assertEquals(0, body.remaining());
        }
    }

    @Test
    void shouldFlushExistingPartitionAndRejectMissingOne() throws IOException {
        try (RawConnection raw = RawCommands.rootConnection(server)) {
            assertEquals(0, RawCommands.flush(raw, 0, 0, 0, true).status());
            assertEquals(0, RawCommands.flush(raw, 0, 0, 0, false).status());
            assertEquals(3007, RawCommands.flush(raw, 0, 0, 1, true).status());
            assertEquals(2010, RawCommands.flush(raw, 0, 5, 0, true).status());
            assertEquals(1009, RawCommands.flush(raw, 5, 0, 0, true).status());
        }
    }

    @Test
    void shouldRequireLoginForSnapshotAndClusterMetadata() throws IOException {
        try (RawConnection raw = new RawConnection(server.tcpAddress())) {
            assertEquals(40, RawCommands.snapshot(raw, DEFLATED, TEST).status());
            assertEquals(40, raw.call(RawCommands.GET_CLUSTER_METADATA, new byte[0]).status());
        }
    }

    private static String str32(ByteBuffer body) {
        byte[] bytes = new byte[body.getInt()];
        body.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
