package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.iggyj.spi.test.MapKernelConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code message_bytes = "segments"} turns Ratis's {@code caching.enabled} on, and {@code
 * replication.in_flight_bytes} bounds the leader's in-flight map, which is off whenever Ratis's log
 * cache holds the bytes itself.
 */
class InFlightBytesSettingTest {

    private static RaftProperties props(boolean splitData, Properties overrides) {
        RaftProperties props = new RaftProperties();
        RatisReplicationProvider.cacheHeadersOnly(props, splitData);
        RatisReplicationProvider.applyOverrides(props, overrides);
        return props;
    }

    @Test
    void shouldCacheHeadersOnlyAndKeepSixteenMebibytesInFlightByDefault() {
        RaftProperties props = props(true, new Properties());

        assertTrue(RaftServerConfigKeys.Log.StateMachineData.cachingEnabled(props));
        assertEquals(16L << 20, RatisReplicationProvider.inFlightBytes(new MapKernelConfig(), true, props));
        assertEquals(1L << 20, RatisReplicationProvider.inFlightBytes(
                new MapKernelConfig().put("replication.in_flight_bytes", "1 MiB"), true, props));
    }

    @Test
    void shouldKeepNothingInFlightWhenRatisCachesTheBytes() {
        RaftProperties raftLog = props(false, new Properties());
        assertFalse(RaftServerConfigKeys.Log.StateMachineData.cachingEnabled(raftLog));
        assertEquals(0, RatisReplicationProvider.inFlightBytes(new MapKernelConfig(), false, raftLog));

        Properties off = new Properties();
        off.setProperty(RaftServerConfigKeys.Log.StateMachineData.CACHING_ENABLED_KEY, "false");
        RaftProperties overridden = props(true, off);
        assertFalse(RaftServerConfigKeys.Log.StateMachineData.cachingEnabled(overridden));
        assertEquals(0, RatisReplicationProvider.inFlightBytes(new MapKernelConfig(), true, overridden));
    }

    @Test
    void shouldRejectANegativeBound() {
        assertThrows(IllegalArgumentException.class, () -> RatisReplicationProvider.inFlightBytes(
                new MapKernelConfig().put("replication.in_flight_bytes", -1L), true, new RaftProperties()));
    }
}
