package org.iggyj.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.SyncFailedException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storage error paths with a fault-injecting channel: a failed write leaves no byte of its batch in
 * either file, before or after reopening; a failed fsync truncates what was not acknowledged and
 * turns the log read-only while reads go on; recovery on a disk that refuses index writes still opens.
 */
class PartitionLogFaultTest {

    private static final String LOG_FILE = "00000000000000000000.log";
    private static final String INDEX_FILE = "00000000000000000000.index";

    private final FaultInjectingFileOpener files = new FaultInjectingFileOpener();
    @RegisterExtension
    final PartitionLogFixture logs = new PartitionLogFixture();

    private PartitionLog log;

    private StorageConfig config(boolean enforceFsync) {
        return new StorageConfig(1 << 20, enforceFsync, false, new StorageIo(files, DiskSpace.unmonitored()));
    }

    private long append(String... payloads) throws IOException {
        ByteBuf batch = TestMessages.batch(payloads);
        try {
            return log.append(batch, payloads.length, 1_000L);
        } finally {
            batch.release();
        }
    }

    private String payloads() throws IOException {
        ReadResult result = log.read(0, 100, UnpooledByteBufAllocator.DEFAULT);
        ByteBuf data = result.data();
        try {
            StringBuilder all = new StringBuilder();
            int at = data.readerIndex();
            for (int i = 0; i < result.count(); i++) {
                all.append(i == 0 ? "" : ",").append(TestMessages.payload(data, at));
                at += (int) MessageFrame.length(data, at);
            }
            return all.toString();
        } finally {
            data.release();
        }
    }

    private long fileSize(String name) throws IOException {
        return Files.size(logs.dir().resolve(name));
    }

    @Test
    void shouldTruncateTornLogWriteWhenAppendFails() throws IOException {
        log = logs.open(config(false));
        append("a", "b");
        long logSize = fileSize(LOG_FILE);
        long indexSize = fileSize(INDEX_FILE);

        files.failWrites(".log", 30);
        assertThrows(IOException.class, () -> append("lost-1", "lost-2"));

        assertFalse(log.isReadOnly(), "the log is as before: the owner decides about read-only");
        assertEquals(logSize, fileSize(LOG_FILE));
        assertEquals(indexSize, fileSize(INDEX_FILE));
        assertEquals(2, log.nextOffset());
        assertEquals(logSize, log.sizeBytes());
        files.heal();
        assertEquals(2, append("c"));
        assertEquals("a,b,c", payloads());

        log.close();
        log = logs.open(config(false));
        assertEquals("a,b,c", payloads());
        assertEquals(3, log.nextOffset());
    }

    @Test
    void shouldTruncateLogWhenIndexWriteFails() throws IOException {
        log = logs.open(config(false));
        append("a");
        long logSize = fileSize(LOG_FILE);

        files.failWrites(".index", 5);
        assertThrows(IOException.class, () -> append("lost"));

        assertEquals(logSize, fileSize(LOG_FILE), "the fully written messages of the failed batch are gone too");
        assertEquals(16, fileSize(INDEX_FILE));
        files.heal();
        log.close();
        log = logs.open(config(false));
        assertEquals("a", payloads());
        assertEquals(1, append("b"));
        assertEquals("a,b", payloads());
    }

    @Test
    void shouldDropUnacknowledgedAndTurnReadOnlyWhenFsyncFails() throws IOException {
        log = logs.open(config(true));
        append("acked-1", "acked-2");
        log.sync();
        long durableSize = fileSize(LOG_FILE);
        append("unacked");

        files.failSyncs();
        assertThrows(SyncFailedException.class, () -> log.sync());

        assertTrue(log.isReadOnly());
        assertEquals(2, log.nextOffset());
        assertEquals(durableSize, fileSize(LOG_FILE));
        assertEquals(32, fileSize(INDEX_FILE));
        assertEquals("acked-1,acked-2", payloads(), "reads go on");
        files.heal();
        assertThrows(ReadOnlyLogException.class, () -> append("refused"));
        assertThrows(ReadOnlyLogException.class, () -> log.sync(), "a failed fsync is never retried");

        log.close();
        log = logs.open(config(true));
        assertFalse(log.isReadOnly(), "reopening re-validates the tail and makes the log writable");
        assertEquals("acked-1,acked-2", payloads());
        assertEquals(2, append("after-restart"));
    }

    @Test
    void shouldTreatFailedFsyncWhileRollingAsFsyncFailure() throws IOException {
        log = logs.open(new StorageConfig(1024, true, false, new StorageIo(files,
            DiskSpace.unmonitored())));
        append("acked");
        log.sync();
        append("x".repeat(1100));

        files.failSyncs();
        assertThrows(SyncFailedException.class, () -> append("rolls"));

        assertTrue(log.isReadOnly());
        assertEquals(1, log.nextOffset());
        assertEquals(1, log.segmentsCount());
        assertEquals("acked", payloads());
    }

    @Test
    void shouldMakeReadOnlyLogWritableWhenPurged() throws IOException {
        log = logs.open(config(true));
        append("a");
        log.markReadOnly("test");

        log.purge();

        assertFalse(log.isReadOnly());
        assertEquals(0, append("fresh"));
    }

    @Test
    void shouldOpenWithIndexInMemoryWhenIndexCannotBeRewritten() throws IOException {
        log = logs.open(config(false));
        append("a", "b", "c");
        log.close();
        try (FileChannel index = FileChannel.open(logs.dir().resolve(INDEX_FILE), StandardOpenOption.WRITE)) {
            index.truncate(16);
        }

        files.failWrites(".index", 0);
        log = logs.open(config(false));
        assertEquals("a,b,c", payloads(), "the index is rebuilt in memory");
        assertThrows(IOException.class, () -> append("refused while the index cannot be written"));
        assertEquals(3, log.nextOffset());

        files.heal();
        assertEquals(3, append("d"));
        assertEquals(64, fileSize(INDEX_FILE), "the pending index entries were written before the append");
        log.close();
        log = logs.open(config(false));
        assertEquals("a,b,c,d", payloads());
    }
}
