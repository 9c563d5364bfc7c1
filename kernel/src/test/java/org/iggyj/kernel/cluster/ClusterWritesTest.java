package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.spi.Reply;
import org.junit.jupiter.api.Test;

class ClusterWritesTest {

    private final ClusterWrites writes = new ClusterWrites(UnpooledByteBufAllocator.DEFAULT, MicrosClock.SYSTEM, null);

    @Test
    void shouldReplicateWritesAndKeepReadsAndSessionStateLocal() {
        for (int code : new int[] {CommandCode.SEND_MESSAGES, CommandCode.CREATE_STREAM, CommandCode.CREATE_TOPIC,
            CommandCode.CREATE_USER, CommandCode.CHANGE_PASSWORD, CommandCode.CREATE_PERSONAL_ACCESS_TOKEN,
            CommandCode.CREATE_CONSUMER_GROUP, CommandCode.DELETE_SEGMENTS, CommandCode.PURGE_TOPIC}) {
            assertTrue(writes.handles(code, (byte) 0), CommandCode.name(code));
        }
        for (int code : new int[] {CommandCode.POLL_MESSAGES, CommandCode.GET_STREAMS, CommandCode.LOGIN_USER,
            CommandCode.JOIN_CONSUMER_GROUP, CommandCode.LEAVE_CONSUMER_GROUP, CommandCode.PING,
            CommandCode.FLUSH_UNSAVED_BUFFER, CommandCode.GET_CLUSTER_METADATA}) {
            assertFalse(writes.handles(code, (byte) 0), CommandCode.name(code));
        }
    }

    @Test
    void shouldReplicateARegularConsumersOffsetButNotAGroupMembersOne() {
        assertTrue(writes.handles(CommandCode.STORE_CONSUMER_OFFSET, (byte) 1));
        assertTrue(writes.handles(CommandCode.DELETE_CONSUMER_OFFSET, (byte) 1));
        assertFalse(writes.handles(CommandCode.STORE_CONSUMER_OFFSET, (byte) 2));
        assertFalse(writes.handles(CommandCode.DELETE_CONSUMER_OFFSET, (byte) 2));
    }

    /**
     * The hang of issue #10: an entry commits on the other nodes but this node never applies it, so
     * nothing would answer its client. Past the bound the client gets a timeout and a late apply is
     * released unanswered.
     */
    @Test
    void shouldFailARequestNotAppliedHereWithinTheBoundAndDropItsLateApply() throws Exception {
        ClusterWrites bounded = new ClusterWrites(UnpooledByteBufAllocator.DEFAULT, MicrosClock.SYSTEM, null);
        RecordingReplicator<ByteBuffer> replicator = new RecordingReplicator<>(b -> b);
        bounded.attach(replicator);
        bounded.boundApplyWait(Duration.ZERO);
        try {
            CompletableFuture<Reply> reply = bounded.submitResolved(1, CommandCode.CREATE_STREAM,
                    Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
            bounded.expireOverdueApplies();

            ExecutionException failed = assertThrows(ExecutionException.class, reply::get);
            IggyException timeout = assertInstanceOf(IggyException.class, failed.getCause());
            assertEquals(ErrorCode.TASK_TIMEOUT, timeout.errorCode());
            assertEquals(0, bounded.pendingApplies().size());

            ReplicatedEntry entry = replicator.submitted.get(0);
            ByteBuf late = Unpooled.buffer(4).writeInt(7);
            bounded.onApplied(entry.origin(), entry.sequence(), Reply.ok(late));
            assertEquals(0, late.refCnt(), "a late apply's reply is released, not sent");
        } finally {
            bounded.failPending();
        }
    }

    @Test
    void shouldAnswerARequestAppliedHereWithinTheBound() throws Exception {
        ClusterWrites bounded = new ClusterWrites(UnpooledByteBufAllocator.DEFAULT, MicrosClock.SYSTEM, null);
        RecordingReplicator<ByteBuffer> replicator = new RecordingReplicator<>(b -> b);
        bounded.attach(replicator);
        bounded.boundApplyWait(Duration.ofHours(1));
        try {
            CompletableFuture<Reply> reply = bounded.submitResolved(1, CommandCode.CREATE_STREAM,
                    Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
            assertEquals(0, bounded.expireOverdueApplies());

            ReplicatedEntry entry = replicator.submitted.get(0);
            Reply applied = Reply.ok(Unpooled.buffer(4).writeInt(7));
            bounded.onApplied(entry.origin(), entry.sequence(), applied);
            assertSame(applied, reply.get());
            applied.release();
        } finally {
            bounded.failPending();
        }
    }
}
