package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot directories on a real Ratis storage directory. */
class SnapshotStoreTest {

    @TempDir
    Path dir;

    private RaftStorage storage;
    private SnapshotStore store;

    @BeforeEach
    void open() throws IOException {
        storage = RaftStorage.newBuilder().setDirectory(dir.toFile()).setOption(RaftStorage.StartupOption.FORMAT)
                .setLogCorruptionPolicy(RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION)
                .setStorageFreeSpaceMin(SizeInBytes.valueOf(0)).build();
        storage.initialize();
        store = new SnapshotStore();
        store.init(storage);
    }

    @AfterEach
    void close() throws IOException {
        storage.close();
    }

    @Test
    void shouldPublishListAndKeepOnlyTheLatestSnapshot() throws IOException {
        assertNull(store.getLatestSnapshot());
        publish(TermIndex.valueOf(2, 100), "a");
        Path second = publish(TermIndex.valueOf(3, 250), "b");
        Files.writeString(second.resolve("state/metadata.json.md5"), "ratis digest");

        SnapshotInfo latest = store.getLatestSnapshot();
        assertEquals(TermIndex.valueOf(3, 250), latest.getTermIndex());
        List<Path> files = latest.getFiles().stream().map(FileInfo::getPath).toList();
        assertEquals(List.of(second.resolve("iggy-snapshot.manifest"), second.resolve("state/metadata.json")), files,
                "every file but Ratis's digests");

        store.cleanupOldSnapshots(null);
        try (var left = Files.list(store.getSnapshotDir().toPath())) {
            assertEquals(List.of(second), left.toList());
        }
        SnapshotStore reopened = new SnapshotStore();
        reopened.init(storage);
        assertEquals(TermIndex.valueOf(3, 250), reopened.latest().termIndex());
    }

    @Test
    void shouldIgnoreAnUnpublishedSnapshot() throws IOException {
        Path written = store.newSnapshotDir(TermIndex.valueOf(1, 10));
        Files.writeString(written.resolve("iggy-snapshot.manifest"), "partial");
        store.reload();
        assertNull(store.latest());
        assertFalse(Files.exists(store.getSnapshotDir().toPath().resolve("snapshot.1_10")));
        assertTrue(store.getTmpDir().isDirectory());
    }

    private Path publish(TermIndex ti, String content) throws IOException {
        Path written = store.newSnapshotDir(ti);
        Files.createDirectories(written.resolve("state"));
        Files.writeString(written.resolve("state/metadata.json"), content);
        Files.writeString(written.resolve("iggy-snapshot.manifest"), content);
        store.publish(written, ti);
        return store.latest().dir();
    }
}
