package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.iggyj.kernel.metadata.TopicMeta;
import org.iggyj.kernel.metadata.TopicSettings;
import org.iggyj.kernel.partition.Partition;
import org.iggyj.kernel.storage.MessageFrame;
import org.iggyj.kernel.storage.ReadResult;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.cluster.SnapshotFile;
import org.junit.jupiter.api.Test;

/**
 * Real files: a snapshot taken, then more appends, a deleted segment, a deleted topic and a moved
 * balanced cursor; restoring the snapshot brings back exactly the state it was taken at, and appends
 * go on from there.
 */
class KernelSnapshotsTest extends SnapshotFixture {

    @Test
    void shouldRestoreExactlyTheStateTheSnapshotWasTakenAt() throws IOException {
        onWriter(() -> writer.createStream("orders"));
        onWriter(() -> writer.createTopic(Identifier.numeric(0), 1, new TopicSettings(1, 0, 0, 0, "events")));
        onWriter(() -> writer.createTopic(Identifier.numeric(0), 1, new TopicSettings(1, 0, 0, 0, "audit")));
        append(0, 30);
        events().balancedCursor().set(5);

        List<SnapshotFile> files = snapshots.snapshot(snapshotDir);

        assertTrue(files.stream().anyMatch(f -> f.path().equals("state/metadata.json")), files.toString());
        assertTrue(files.stream().filter(f -> f.path().endsWith(".log")).count() > 1, "segments rolled: " + files);
        assertTrue(Files.exists(snapshotDir.resolve(SnapshotManifest.FILE_NAME)));

        append(30, 20);
        onOwner(partition(), () -> partition().retention().deleteOldest(1));
        onWriter(() -> {
            writer.deleteTopic(Identifier.numeric(0), Identifier.numeric(1));
            return null;
        });
        events().balancedCursor().set(9);
        assertEquals(49, onOwner(partition(), () -> partition().reader().currentOffset()));

        snapshots.restore(snapshotDir);

        assertEquals(29, onOwner(partition(), () -> partition().reader().currentOffset()));
        assertEquals(0, onOwner(partition(), () -> partition().reader().firstOffset()));
        assertEquals(List.of("events", "audit"), writer.current().streams().get(0L).topics().values().stream()
                .map(TopicMeta::name).toList());
        assertEquals(5, events().balancedCursor().get());
        for (int offset = 0; offset < 30; offset++) {
            assertEquals("message " + offset, payloadAt(offset));
        }

        append(30, 1);
        assertEquals(30, onOwner(partition(), () -> partition().reader().currentOffset()));
        assertEquals("message 30", payloadAt(30));
        // The snapshot's own files keep only their prefix: it can be restored again.
        snapshots.restore(snapshotDir);
        assertEquals(29, onOwner(partition(), () -> partition().reader().currentOffset()));
    }

    @Test
    void shouldRefuseADirectoryWithoutManifest() {
        assertThrowsIo(() -> snapshots.restore(snapshotDir));
        assertFalse(Files.exists(snapshotDir.resolve(SnapshotManifest.FILE_NAME)));
    }

    private void append(int from, int count) {
        for (int i = from; i < from + count; i++) {
            ByteBuf batch = Unpooled.directBuffer();
            byte[] payload = ("message " + i).getBytes(StandardCharsets.UTF_8);
            batch.writeLongLE(0).writeLongLE(i + 1).writeLongLE(0).writeLongLE(0).writeLongLE(0).writeLongLE(7);
            batch.writeIntLE(0).writeIntLE(payload.length).writeLongLE(0).writeBytes(payload);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            Partition p = partition();
            p.owner().submit(() -> {
                p.append(batch, 1, ack);
                return null;
            }).join();
            ack.join();
            batch.release();
        }
    }

    private String payloadAt(long offset) {
        Partition p = partition();
        ReadResult read = onOwner(p, () -> p.reader().read(offset, 1, ByteBufAllocator.DEFAULT));
        try {
            assertEquals(1, read.count());
            int at = read.data().readerIndex();
            int length = read.data().getIntLE(at + MessageFrame.PAYLOAD_LENGTH_OFFSET);
            return read.data().toString(at + MessageFrame.HEADER_LENGTH, length, StandardCharsets.UTF_8);
        } finally {
            read.data().release();
        }
    }

    private TopicMeta events() {
        return writer.current().streams().get(0L).topics().get(0L);
    }

    private Partition partition() {
        return events().partitions().get(0);
    }

    private static <T> T onOwner(Partition p, Supplier<T> op) {
        return p.owner().submit(op).join();
    }

    private static void assertThrowsIo(org.junit.jupiter.api.function.Executable call) {
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, call);
    }
}
