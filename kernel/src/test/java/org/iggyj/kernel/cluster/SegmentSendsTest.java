package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.iggyj.kernel.config.EncryptionConfig;
import org.iggyj.kernel.crypto.MessageCrypto;
import org.iggyj.kernel.metadata.DataLayout;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.protocol.CommandCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message bytes out of the replication log, on a real partition (docs/cluster.md, "Message bytes and
 * the Raft log"): the leader orders sends per partition, a member writes them unpublished and apply
 * publishes them; a dropped tail is cut; bytes that arrive before the partition-reshaping entry they
 * follow is applied wait in a staging file; the leader refuses a send while such an entry is pending;
 * read gives back what was written.
 */
class SegmentSendsTest extends SegmentSendsFixture {

    @BeforeEach
    void open() throws IOException {
        openWithTopic(1, unattachedWrites());
    }

    @Test
    void shouldWriteUnpublishedAtTheLeadersOffsetsAndServeOnlyOnceApplied() {
        ByteBuffer[] first = entry(0, 3);
        sends.sequence(1, 10, first[0]);
        ByteBuffer[] second = entry(3, 2);
        sends.sequence(1, 11, second[0]);
        assertEquals(0, SendEntry.decode(first[0]).baseOffset());
        assertEquals(3, SendEntry.decode(second[0]).baseOffset(), "ordered after the first, not yet written");

        sends.write(10, first[0], first[1]).join();
        sends.write(11, second[0], second[1]).join();
        sends.flush(11).join();
        assertEquals(5, (long) onOwner(partition()::nextOffset));
        assertEquals(0, (long) onOwner(partition().writeAhead()::publishedEnd), "nothing is served before apply");

        sends.apply(10, first[0]).join();
        assertEquals(3, (long) onOwner(partition().writeAhead()::publishedEnd));
        sends.apply(11, second[0]).join();
        assertEquals(5, (long) onOwner(partition().writeAhead()::publishedEnd));
        assertEquals("message 4", payloadAt(4));
    }

    @Test
    void shouldCutTheTailOfDroppedEntriesAndOrderFromThePublishedEndInTheNextTerm() {
        ByteBuffer[] kept = entry(0, 2);
        sends.sequence(1, 10, kept[0]);
        ByteBuffer[] dropped = entry(2, 4);
        sends.sequence(1, 11, dropped[0]);
        sends.write(10, kept[0], kept[1]).join();
        sends.write(11, dropped[0], dropped[1]).join();
        sends.apply(10, kept[0]).join();

        sends.truncate(11);
        assertEquals(2, (long) onOwner(partition()::nextOffset));

        ByteBuffer[] next = entry(2, 1);
        sends.sequence(2, 11, next[0]);
        assertEquals(2, SendEntry.decode(next[0]).baseOffset());
        sends.write(11, next[0], next[1]).join();
        sends.apply(11, next[0]).join();
        assertEquals(3, (long) onOwner(partition().writeAhead()::publishedEnd));
        assertEquals("message 2", payloadAt(2));
    }

    @Test
    void shouldStageBytesThatArriveBeforeTheReshapeTheyFollowIsAppliedAndMoveThemInOnApply() throws IOException {
        applied.set(4);
        ByteBuffer[] early = entry(0, 2);
        SendEntry.order(early[0], 0, 5);
        sends.write(6, early[0], early[1]).join();
        ByteBuffer[] later = entry(2, 1);
        SendEntry.order(later[0], 2, 5);
        applied.set(5);
        sends.write(7, later[0], later[1]).join();
        assertEquals(0, (long) onOwner(partition()::nextOffset), "both wait: the second behind the first");
        assertEquals(2, countFiles(staging));

        sends.apply(6, early[0]).join();
        sends.apply(7, later[0]).join();
        assertEquals(3, (long) onOwner(partition().writeAhead()::publishedEnd));
        assertEquals("message 1", payloadAt(1));
        assertEquals(0, countFiles(staging));
    }

    @Test
    void shouldRefuseToOrderASendWhileAReshapingEntryIsNotAppliedOnTheLeader() {
        ByteBuf topic = ReplicatedEntry.encode(ByteBufAllocator.DEFAULT, CommandCode.CREATE_PARTITIONS, 0, 1, 1, 0,
                TIME_US, null, Unpooled.EMPTY_BUFFER);
        try {
            applied.set(19);
            sends.sequence(1, 20, topic.nioBuffer());
        } finally {
            topic.release();
        }
        ByteBuffer[] send = entry(0, 1);
        assertThrows(IllegalStateException.class, () -> sends.sequence(1, 21, send[0]));
        applied.set(20);
        sends.sequence(1, 21, send[0]);
        assertEquals(20, SendEntry.decode(send[0]).barrier());
    }

    @Test
    void shouldReadBackTheStoredBytesOfAnUnpublishedEntry() {
        ByteBuffer[] send = entry(0, 2);
        sends.sequence(1, 10, send[0]);
        sends.write(10, send[0], send[1]).join();
        ByteBuffer read = sends.read(10, send[0]).join();
        assertEquals(send[1].remaining(), read.remaining());
        assertTrue(StandardCharsets.ISO_8859_1.decode(read).toString().contains("message 1"));
    }

    @Test
    void shouldSealWhatItStoresAndReadBackThePlaintextWhenEncryptionIsOn() {
        MessageCrypto crypto = MessageCrypto.create(new EncryptionConfig(true,
                Base64.getEncoder().encodeToString(new byte[32])),
                PluginHost.classpathEncryptionProviders(SegmentSendsTest.class.getClassLoader()));
        sends.sealWith(crypto);
        ByteBuffer[] written = entry(0, 2);
        sends.sequence(1, 10, written[0]);
        sends.write(10, written[0], written[1]).join();
        ByteBuffer[] staged = entry(2, 1);
        SendEntry.order(staged[0], 2, 11);
        sends.write(12, staged[0], staged[1]).join();
        applied.set(11);

        sends.apply(10, written[0]).join();
        sends.apply(12, staged[0]).join();
        assertEquals(3, (long) onOwner(partition().writeAhead()::publishedEnd));
        ByteBuf stored = onOwner(() -> partition().writeAhead().readWritten(0, 3, ByteBufAllocator.DEFAULT));
        try {
            String raw = stored.toString(StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains("message"), "written in place and moved in from staging, both sealed");
            ByteBuf opened = crypto.open(stored, 3, ByteBufAllocator.DEFAULT);
            try {
                assertTrue(opened.toString(StandardCharsets.ISO_8859_1).contains("message 2"));
            } finally {
                opened.release();
            }
        } finally {
            stored.release();
        }
        ByteBuffer read = sends.read(10, written[0]).join();
        assertEquals(written[1].remaining(), read.remaining(), "a follower is sent the bytes as received, opened");
        assertTrue(StandardCharsets.ISO_8859_1.decode(read).toString().contains("message 1"));
    }

    @Test
    void shouldSnapshotOnlyThePublishedMessagesNotAWrittenTail() throws IOException {
        ByteBuffer[] kept = entry(0, 2);
        sends.sequence(1, 10, kept[0]);
        sends.write(10, kept[0], kept[1]).join();
        sends.apply(10, kept[0]).join();
        ByteBuffer[] tail = entry(2, 3);
        sends.sequence(1, 11, tail[0]);
        sends.write(11, tail[0], tail[1]).join();
        assertEquals(5, (long) onOwner(partition()::nextOffset));

        KernelSnapshots snapshots = new KernelSnapshots(writer, new DataLayout(dataDir));
        snapshots.snapshot(snapshotDir);
        snapshots.restore(snapshotDir);

        assertEquals(2, (long) onOwner(partition()::nextOffset), "the unpublished tail is not in the snapshot");
        assertEquals("message 1", payloadAt(1));
    }

    /** @return header (writable) and data of a send of messages {@code from..from+count-1} */
    private ByteBuffer[] entry(int from, int count) {
        return entry(from, count, "message", partition().createdAtUs());
    }

    private String payloadAt(long offset) {
        String text = messageAt(0, offset);
        assertTrue(text.contains("message"), text);
        return text.substring(text.indexOf("message"));
    }

    private static long countFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
