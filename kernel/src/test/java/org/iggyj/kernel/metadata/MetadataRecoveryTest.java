package org.iggyj.kernel.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataRecoveryTest {

    private static final long U64_MAX = -1L;

    @TempDir
    Path dataDir;

    private MetadataRestarts restarts;

    @BeforeEach
    void prepare() {
        restarts = new MetadataRestarts(dataDir, 2, () -> 1_700_000_000_000_000L);
    }

    @AfterEach
    void closeShards() {
        restarts.close();
    }

    private static <T> T onWriter(MetadataWriter w, java.util.function.Supplier<T> op) {
        return w.mutate(op).join();
    }

    @Test
    void shouldRecoverStreamsTopicsPartitionsAndUsersAfterRestart() throws IOException {
        MetadataWriter writer = restarts.restart();
        onWriter(writer, () -> writer.createStream("orders"));
        onWriter(writer, () -> writer.createStream("payments"));
        onWriter(writer, () -> writer.createTopic(Identifier.named("orders"), 3,
                new TopicSettings(1, 0, 0, 0, "events")));
        onWriter(writer, () -> {
            writer.createPartitions(Identifier.numeric(0), Identifier.numeric(0), 2);
            writer.putUser(new UserRecord(0, "iggy", "$hash", UserRecord.ACTIVE, 5, null));
            return null;
        });
        closeAllPartitions(writer);

        MetadataWriter recovered = restarts.restart();
        Metadata md = recovered.current();

        assertEquals(List.of(0L, 1L), List.copyOf(md.streams().keySet()));
        StreamMeta orders = md.stream(Identifier.named("orders"));
        assertEquals(0, orders.id());
        TopicMeta events = orders.topic(Identifier.numeric(0));
        assertEquals("events", events.name());
        assertEquals(5, events.partitions().size());
        assertEquals(U64_MAX, events.messageExpiryUs(), "server default is stored resolved");
        assertEquals(1, events.replicationFactor());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, events.partitions().get(i).id());
            assertTrue(Files.isDirectory(dataDir.resolve("streams/0/topics/0/partitions/" + i)));
        }
        assertEquals("iggy", md.users().get(0L).username());
        closeAllPartitions(recovered);
    }

    @Test
    void shouldReuseFreedIdsAndRejectDuplicateNames() throws IOException {
        MetadataWriter writer = restarts.restart();
        onWriter(writer, () -> writer.createStream("a"));
        onWriter(writer, () -> writer.createStream("b"));
        IggyException duplicate = assertThrows(IggyException.class,
                () -> unwrap(() -> onWriter(writer, () -> writer.createStream("a"))));
        assertEquals(ErrorCode.STREAM_NAME_ALREADY_EXISTS, duplicate.errorCode());

        onWriter(writer, () -> {
            writer.deleteStream(Identifier.numeric(0));
            return null;
        });
        assertNull(writer.current().stream(Identifier.named("a")));
        assertEquals(0, onWriter(writer, () -> writer.createStream("c")).id());
    }

    @Test
    void shouldRemoveDirectoriesTheMetadataDoesNotName() throws IOException {
        Path orphan = Files.createDirectories(dataDir.resolve("streams/7/topics/0/partitions/0"));
        Files.writeString(orphan.resolve("00000000000000000000.log"), "stale");
        MetadataWriter writer = restarts.restart();
        assertFalse(Files.exists(dataDir.resolve("streams/7")));
        assertTrue(Files.isDirectory(dataDir.resolve("streams")));
    }

    private static void closeAllPartitions(MetadataWriter writer) {
        for (StreamMeta s : writer.current().streams().values()) {
            for (TopicMeta t : s.topics().values()) {
                MetadataWriter.onOwners(t.partitions(), org.iggyj.kernel.partition.Partition::close);
            }
        }
    }

    private static void unwrap(Runnable r) {
        try {
            r.run();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

}
