package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.metrics.TopicTraffic;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.wire.Identifier;
import org.junit.jupiter.api.Test;

/**
 * A member restarted with message bytes out of the replication log (docs/cluster.md, "Message bytes and
 * the Raft log", point 8), on real files: the segment files it grew after its snapshot are kept and
 * the replayed entries, which carry no bytes, publish them; a written tail no entry committed is held
 * back and cut by the next write; files of a partition created, or purged, after the snapshot are
 * adopted when the replay reaches the entry that made that very incarnation, never an earlier one.
 * Each "restart" closes the shards and opens the data directory the way a starting node does.
 */
class SegmentSendsRestartTest extends SegmentSendsFixture {

    private KernelSnapshots snapshots;

    @Test
    void shouldKeepWhatThePartitionGrewAfterTheSnapshotAndPublishItOnReplay() throws IOException {
        start(false);
        createTopic(1);
        run(2, entry(0, 2, "a"));
        snapshots.snapshot(snapshotDir);
        applied.set(2);
        run(3, entry(2, 3, "b"));
        ByteBuffer[] unlogged = entry(5, 2, "lost");
        sends.sequence(1, 4, unlogged[0]);
        sends.write(4, unlogged[0], unlogged[1]).join();
        sends.flush(4).join();

        restart(true);
        assertEquals(2, (long) onOwner(partition().writeAhead()::publishedEnd), "served: the snapshot's messages only");
        assertEquals(7, (long) onOwner(partition()::nextOffset), "the grown files are kept, tail included");

        sends.apply(3, entry(2, 3, "b")[0]).join();
        assertEquals(5, (long) onOwner(partition().writeAhead()::publishedEnd));
        assertPayload(4, "b 4");
        assertPayload(1, "a 1");

        ByteBuffer[] next = entry(5, 1, "c");
        SendEntry.order(next[0], 5, 1);
        sends.write(4, next[0], next[1]).join();
        sends.apply(4, next[0]).join();
        assertEquals(6, (long) onOwner(partition()::nextOffset), "the unlogged tail was cut by the next write");
        assertPayload(5, "c 5");
    }

    @Test
    void shouldPublishEachSendOfAMultiSendWhenItIsReplayedAfterARestart() throws IOException {
        start(false);
        createTopic(1, 2);
        ByteBuffer[] entry = multi(send(1, 1, 0, partition().createdAtUs(), 0, 2, "a"),
                send(1, 2, 1, partition(1).createdAtUs(), 0, 3, "b"),
                send(1, 3, 0, partition().createdAtUs(), 2, 1, "c"));
        run(2, entry);

        restart(false);
        createTopic(1, 2);
        assertEquals(0, (long) onOwner(partition().writeAhead()::publishedEnd), "nothing served before the replay");
        sends.apply(2, entry[0]).join();
        assertEquals(3, (long) onOwner(partition().writeAhead()::publishedEnd));
        assertEquals(3, (long) partition(1).owner().submit(partition(1).writeAhead()::publishedEnd).join());
        assertPayload(1, "a 1");
        assertPayload(2, "c 2");
    }

    @Test
    void shouldAdoptTheFilesOfAPartitionCreatedAfterTheLastSnapshotWhenItsCreateIsReplayed() throws IOException {
        start(false);
        createTopic(1);
        run(2, entry(0, 2, "a"));
        run(3, entry(2, 1, "b"));

        restart(false);
        createTopic(1);
        assertEquals(3, (long) onOwner(partition()::nextOffset));
        assertEquals(0, (long) onOwner(partition().writeAhead()::publishedEnd));
        sends.apply(2, entry(0, 2, "a")[0]).join();
        sends.apply(3, entry(2, 1, "b")[0]).join();
        assertEquals(3, (long) onOwner(partition().writeAhead()::publishedEnd));
        assertPayload(0, "a 0");
        assertPayload(2, "b 2");
        assertFalse(Files.exists(dataDir.resolve("streams.kept/0/topics/0/partitions/0")), "adopted, not left behind");
    }

    @Test
    void shouldAdoptThePurgedIncarnationOnlyWhenThePurgeIsReplayed() throws IOException {
        start(false);
        createTopic(1);
        run(2, entry(0, 2, "old"));
        ByteBuf purge = ReplicatedEntry.encode(ByteBufAllocator.DEFAULT, CommandCode.PURGE_TOPIC, 0, 1, 1, 0,
                TIME_US, null, Unpooled.EMPTY_BUFFER);
        try {
            sends.sequence(1, 3, purge.nioBuffer());
        } finally {
            purge.release();
        }
        writer.mutate(() -> {
            writer.purgeTopic(Identifier.numeric(0), Identifier.numeric(0));
            return null;
        }).join();
        applied.set(3);
        sends.onApplied(3, CommandCode.PURGE_TOPIC);
        run(4, entry(0, 1, "new"));
        assertPayload(0, "new 0");

        restart(false);
        createTopic(1);
        assertEquals(0, (long) onOwner(partition()::nextOffset), "not the create's incarnation: kept aside");
        assertTrue(Files.exists(dataDir.resolve("streams.kept/0/topics/0/partitions/0")));
        assertFalse(sends.apply(2, entry(0, 2, "old")[0]).isCompletedExceptionally());
        assertEquals(0, (long) onOwner(partition().writeAhead()::publishedEnd),
            "the purged bytes are gone, never the new ones");

        writer.mutate(() -> {
            writer.purgeTopic(Identifier.numeric(0), Identifier.numeric(0));
            return null;
        }).join();
        sends.onApplied(3, CommandCode.PURGE_TOPIC);
        sends.apply(4, entry(0, 1, "new")[0]).join();
        assertEquals(1, (long) onOwner(partition().writeAhead()::publishedEnd));
        assertPayload(0, "new 0");
    }

    @Test
    void shouldMoveInTheBytesStagedBeforeTheRestartWhenTheirEntryIsReplayed() throws IOException {
        start(false);
        createTopic(1);
        ByteBuffer[] early = entry(0, 2, "s");
        SendEntry.order(early[0], 0, 5);
        sends.write(6, early[0], early[1]).join();
        assertEquals(0, (long) onOwner(partition()::nextOffset), "staged: the barrier is not applied yet");

        restart(false);
        createTopic(1);
        applied.set(5);
        sends.apply(6, early[0]).join();
        assertEquals(2, (long) onOwner(partition().writeAhead()::publishedEnd));
        assertPayload(1, "s 1");
        try (var left = Files.list(staging)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void shouldKeepForRetentionEveryOffsetTheLogMayStillNeedToRead() throws IOException {
        start(false);
        AtomicLong firstLogIndex = new AtomicLong(1);
        snapshots.keepRetentionFloors();
        sends.keepRetentionFloors();
        snapshots.firstLogIndex(firstLogIndex::get);
        createTopic(1);
        int next = 0;
        for (long index = 2; index <= 6; index++) {
            run(index, entry(next, 10, "r"));
            next += 10;
        }
        assertTrue(onOwner(partition().stats()::segments) > 2, "small segments rolled");
        assertEquals(0, (int) onOwner(() -> partition().retention().deleteOldest(100)), "no snapshot yet: nothing goes");

        snapshots.snapshot(Files.createDirectories(snapshotDir.resolve("at6")));
        snapshots.onSnapshotTaken(6);
        assertEquals(0, (int) onOwner(() -> partition().retention().deleteOldest(100)),
                "the log still starts before that snapshot: its entries may be read");
        for (long index = 7; index <= 10; index++) {
            run(index, entry(next, 10, "r"));
            next += 10;
        }
        firstLogIndex.set(8);
        snapshots.snapshot(Files.createDirectories(snapshotDir.resolve("at10")));
        snapshots.onSnapshotTaken(10);
        int deleted = onOwner(() -> partition().retention().deleteOldest(100));
        assertTrue(deleted > 0, "what only the snapshot at 6 holds may go");
        long first = onOwner(partition().reader()::firstOffset);
        assertTrue(first > 0 && first <= 50, "every offset from 50 (the end at index 6) is kept, first is " + first);
        onOwner(() -> partition().writeAhead().readWritten(50, 40, ByteBufAllocator.DEFAULT)).release();
    }

    @Test
    void shouldSeedTheRetentionFloorsOfARestartedNodeFromTheSnapshotItRestores() throws IOException {
        AtomicLong firstLogIndex = new AtomicLong(1);
        start(false);
        keepFloors(firstLogIndex);
        createTopic(1);
        List<ByteBuffer[]> entries = new ArrayList<>();
        for (long index = 2; index <= 10; index++) {
            entries.add(entry((int) (index - 2) * 10, 10, "r"));
            run(index, entries.get(entries.size() - 1));
            if (index == 6 || index == 10) {
                snapshots.snapshot(Files.createDirectories(snapshotDir.resolve("at" + index)), index);
                snapshots.onSnapshotTaken(index);
            }
        }
        Path latest = snapshotDir.resolve("at10");

        restartWithFloors(latest, firstLogIndex);
        assertEquals(0, (int) onOwner(() -> partition().retention().deleteOldest(100)),
                "the log still holds every entry: any of them may be read");

        firstLogIndex.set(8);
        restartWithFloors(latest, firstLogIndex);
        int deleted = onOwner(() -> partition().retention().deleteOldest(100));
        assertTrue(deleted > 0, "restarted without a snapshot of its own yet, retention runs below the cut at 6");
        long first = onOwner(partition().reader()::firstOffset);
        assertTrue(first > 0 && first <= 40, "every offset from 40 (the end at index 6) is kept, first is " + first);
        for (long index = 8; index <= 10; index++) {
            ByteBuffer read = sends.read(index, entries.get((int) index - 2)[0]).join();
            assertEquals(entries.get((int) index - 2)[1].remaining(), read.remaining(),
                    "a lagging follower is still sent the bytes of entry " + index);
        }
    }

    private void keepFloors(AtomicLong firstLogIndex) {
        snapshots.keepRetentionFloors();
        sends.keepRetentionFloors();
        snapshots.firstLogIndex(firstLogIndex::get);
    }

    /**
     * A restart as {@link ClusterRuntime#start} wires it: floors kept before the engine restores its
     * snapshot, the log's start known only once the engine has started.
     */
    private void restartWithFloors(Path snapshot, AtomicLong firstLogIndex) throws IOException {
        closeNode();
        start(false);
        snapshots.keepRetentionFloors();
        sends.keepRetentionFloors();
        snapshots.restore(snapshot);
        snapshots.firstLogIndex(firstLogIndex::get);
        applied.set(10);
    }

    /** A fresh node, or (restart) one opening the directory a previous run left, as IggyServer does. */
    private void start(boolean restore) throws IOException {
        DataLayout layout = new DataLayout(dataDir);
        KeptSegments kept = new KeptSegments(layout);
        kept.setAside();
        ClusterRuntime.clearDerivedState(layout);
        node = DataDirNode.open(dataDir, TIME_US);
        writer = node.writer();
        sends = new SegmentSends(writer, ByteBufAllocator.DEFAULT, applied::get, unattachedWrites(), new TopicTraffic(),
                staging, kept);
        snapshots = new KernelSnapshots(writer, layout);
        snapshots.keepSegments(kept);
        if (restore) {
            snapshots.restore(snapshotDir);
        }
    }

    private void restart(boolean restore) throws IOException {
        closeNode();
        start(restore);
    }

    /** Creates stream 0 and topic 0 as the entry at {@code index} would, and marks the incarnation. */
    private void createTopic(long index) {
        createTopic(index, 1);
    }

    private void createTopic(long index, int partitions) {
        createStreamAndTopic(partitions);
        applied.set(index);
        sends.onApplied(index, CommandCode.CREATE_TOPIC);
    }

    /** Orders, writes, flushes and applies a send as a member does for an entry logged and committed. */
    private void run(long index, ByteBuffer[] send) {
        sends.sequence(1, index, send[0]);
        sends.write(index, send[0], send[1]).join();
        sends.flush(index).join();
        sends.apply(index, send[0]).join();
        applied.set(index);
    }

    /** @return header (writable, ordered at {@code from}) and data of messages "tag from".."tag from+count-1" */
    private ByteBuffer[] entry(int from, int count, String tag) {
        ByteBuffer[] entry = entry(from, count, tag, TIME_US);
        SendEntry.order(entry[0], from, 1);
        return entry;
    }

    private void assertPayload(long offset, String expected) {
        assertTrue(messageAt(0, offset).endsWith(expected), "offset " + offset + " holds '" + expected + "'");
    }
}
