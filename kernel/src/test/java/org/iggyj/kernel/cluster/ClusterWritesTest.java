package org.iggyj.kernel.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.protocol.CommandCode;
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
}
