package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.iggyj.spi.test.MapKernelConfig;
import org.junit.jupiter.api.Test;

class SnapshotPolicyTest {

    @Test
    void shouldSnapshotAndPurgeByDefault() {
        SnapshotPolicy policy = SnapshotPolicy.of(new MapKernelConfig());
        RaftProperties props = new RaftProperties();
        policy.applyTo(props);

        assertEquals(new SnapshotPolicy(100_000, 1_024, 8L << 20), policy);
        assertTrue(RaftServerConfigKeys.Snapshot.autoTriggerEnabled(props));
        assertEquals(100_000, RaftServerConfigKeys.Snapshot.autoTriggerThreshold(props));
        assertTrue(RaftServerConfigKeys.Log.purgeUptoSnapshotIndex(props));
        assertEquals(1_024, RaftServerConfigKeys.Log.purgePreservationLogNum(props));
        assertEquals(8L << 20, RaftServerConfigKeys.Log.segmentSizeMax(props).getSize());
        assertEquals(2, RaftServerConfigKeys.Log.segmentCacheNumMax(props));
    }

    @Test
    void shouldTakeNoSnapshotWhenTheThresholdIsZero() {
        RaftProperties props = new RaftProperties();
        SnapshotPolicy.of(new MapKernelConfig().put("replication.snapshot_threshold", 0L)).applyTo(props);

        assertFalse(RaftServerConfigKeys.Snapshot.autoTriggerEnabled(props));
        assertFalse(RaftServerConfigKeys.Snapshot.triggerWhenStopEnabled(props));
    }

    @Test
    void shouldRejectNegativeCountsAndTinySegments() {
        assertThrows(IllegalArgumentException.class, () -> SnapshotPolicy.of(
                new MapKernelConfig().put("replication.snapshot_threshold", -1L)));
        assertThrows(IllegalArgumentException.class, () -> SnapshotPolicy.of(
                new MapKernelConfig().put("replication.log_segment_size", "1 KiB")));
        assertEquals(16 << 10, SnapshotPolicy.of(
                new MapKernelConfig().put("replication.log_segment_size", "16 KiB")).logSegmentSizeBytes());
    }
}
