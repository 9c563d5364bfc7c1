package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.spi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A multi-send entry ({@link MultiSendEntry}) through every step a member takes, on real files: the
 * leader orders each send on its own partition (one whose partition is gone is refused alone), each
 * member writes each send's bytes and publishes them on apply, and each send's client gets its own reply.
 */
class SegmentSendsMultiTest extends SegmentSendsFixture {

    private ClusterWrites writes;

    @BeforeEach
    void open() throws IOException {
        writes = unattachedWrites();
        openWithTopic(2, writes);
    }

    @Test
    void shouldOrderWriteAndPublishEachSendOnItsPartitionAndAnswerEachAloneWhenOneIsRefused() {
        long origin = writes.origin();
        CompletableFuture<Reply>[] replies = awaitReplies(4);
        ByteBuffer[] entry = multi(
                send(origin, 1, 0, partition(0).createdAtUs(), 0, 2, "a"),
                send(origin, 2, 1, partition(1).createdAtUs(), 0, 3, "b"),
                send(origin, 3, 1, partition(1).createdAtUs() + 1, 0, 1, "gone"),
                send(origin, 4, 0, partition(0).createdAtUs(), 2, 1, "c"));

        sends.sequence(1, 10, entry[0]);
        assertEquals(0, base(entry[0], 0));
        assertEquals(0, base(entry[0], 1), "each partition from its own end");
        assertEquals(-1, base(entry[0], 2), "the send to a re-created partition is refused alone");
        assertEquals(2, base(entry[0], 3), "after the earlier send to the same partition");

        sends.write(10, entry[0], entry[1]).join();
        sends.flush(10).join();
        assertEquals(3, (long) onOwner(0, partition(0)::nextOffset));
        assertEquals(3, (long) onOwner(1, partition(1)::nextOffset), "the refused send wrote nothing");
        assertEquals(0, (long) onOwner(0, partition(0).writeAhead()::publishedEnd), "nothing is served before apply");
        ByteBuffer read = sends.read(10, entry[0]).join();
        assertEquals(entry[1].remaining(), read.remaining(), "a lagging follower gets the same layout");
        String readText = StandardCharsets.ISO_8859_1.decode(read).toString();
        assertTrue(readText.contains("b 2") && readText.contains("c 2") && !readText.contains("gone"));

        sends.apply(10, entry[0]).join();
        assertEquals(3, (long) onOwner(0, partition(0).writeAhead()::publishedEnd));
        assertEquals(3, (long) onOwner(1, partition(1).writeAhead()::publishedEnd));
        assertEquals("a 1", payloadAt(0, 1));
        assertEquals("c 2", payloadAt(0, 2));
        assertEquals("b 2", payloadAt(1, 2));
        for (int i : new int[] {0, 1, 3}) {
            assertTrue(replies[i].join().isOk(), "send " + (i + 1));
        }
        Reply refused = replies[2].join();
        assertFalse(refused.isOk());
        assertEquals(ErrorCode.PARTITION_NOT_FOUND.code(), refused.status());
    }

    @Test
    void shouldStageTheSendsOfAMultiSendThatArrivesBeforeItsBarrierAndMoveEachInOnApply() throws IOException {
        applied.set(4);
        ByteBuffer[] entry = multi(
                send(1, 1, 0, partition(0).createdAtUs(), 0, 2, "a"),
                send(1, 2, 1, partition(1).createdAtUs(), 0, 1, "b"),
                send(1, 3, 0, partition(0).createdAtUs(), 2, 1, "c"));
        SendEntry.order(MultiSendEntry.send(entry[0], 0), 0, 5);
        SendEntry.order(MultiSendEntry.send(entry[0], 1), 0, 5);
        SendEntry.order(MultiSendEntry.send(entry[0], 2), 2, 5);
        sends.write(6, entry[0], entry[1]).join();
        assertEquals(0, (long) onOwner(0, partition(0)::nextOffset));
        try (var files = java.nio.file.Files.list(staging)) {
            assertEquals(3, files.count(), "one staging file per send");
        }
        applied.set(5);
        sends.apply(6, entry[0]).join();
        assertEquals(3, (long) onOwner(0, partition(0).writeAhead()::publishedEnd));
        assertEquals(1, (long) onOwner(1, partition(1).writeAhead()::publishedEnd));
        assertEquals("c 2", payloadAt(0, 2));
        try (var files = java.nio.file.Files.list(staging)) {
            assertEquals(0, files.count());
        }
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<Reply>[] awaitReplies(int count) {
        CompletableFuture<Reply>[] replies = new CompletableFuture[count];
        for (int i = 0; i < count; i++) {
            replies[i] = writes.awaitApplied(i + 1);
        }
        return replies;
    }

    private static long base(ByteBuffer header, int send) {
        return SendEntry.decode(MultiSendEntry.send(header, send)).baseOffset();
    }

    private <T> T onOwner(int id, java.util.function.Supplier<T> op) {
        return partition(id).owner().submit(op).join();
    }

    private String payloadAt(int id, long offset) {
        String text = messageAt(id, offset);
        return text.substring(text.length() - 3);
    }
}
