package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iggyj.spi.test.MapKernelConfig;
import org.junit.jupiter.api.Test;

/** {@code [cluster.replication] message_bytes}: "segments" by default, "raft_log" on request, nothing else. */
class MessageBytesSettingTest {

    @Test
    void shouldKeepMessageBytesInTheSegmentsUnlessTheRaftLogIsAskedFor() {
        assertTrue(RatisReplicationProvider.messageBytesInSegments(new MapKernelConfig()));
        assertFalse(RatisReplicationProvider.messageBytesInSegments(
                new MapKernelConfig().put("replication.message_bytes", "raft_log")));
        assertTrue(RatisReplicationProvider.messageBytesInSegments(
                new MapKernelConfig().put("replication.message_bytes", "segments")));
        assertThrows(IllegalArgumentException.class, () -> RatisReplicationProvider.messageBytesInSegments(
                new MapKernelConfig().put("replication.message_bytes", "disk")));
    }
}
