package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;

class EntrySizeLimitsTest {

    private static long byteLimit(RaftProperties props) {
        return RaftServerConfigKeys.Log.Appender.bufferByteLimit(props).getSize();
    }

    private static long writeBuffer(RaftProperties props) {
        return RaftServerConfigKeys.Log.writeBufferSize(props).getSize();
    }

    @Test
    void shouldKeepRatisDefaultsForTheDefaultCapSinceItsEntriesFitIn4Mb() {
        RaftProperties props = new RaftProperties();
        EntrySizeLimits.applyTo(props, 3840L << 10);
        EntrySizeLimits.check(props, 3840L << 10);
        assertEquals(4L << 20, byteLimit(props));
        assertEquals(8L << 20, writeBuffer(props));
    }

    @Test
    void shouldRaiseTheByteLimitAndTheWriteBufferWithALargerCap() {
        RaftProperties props = new RaftProperties();
        long cap = 8L << 20;
        EntrySizeLimits.applyTo(props, cap);
        EntrySizeLimits.check(props, cap);
        long fullEntry = cap + 1024 * 80 + 8;
        assertTrue(byteLimit(props) > fullEntry, "1,024 headers and Ratis's fields fit besides the messages");
        assertTrue(writeBuffer(props) >= byteLimit(props) + 8, "Ratis's own start check");
    }

    @Test
    void shouldRefuseAnOverrideThatWouldFailEveryFullCoalescedEntry() {
        RaftProperties props = new RaftProperties();
        long cap = 8L << 20;
        EntrySizeLimits.applyTo(props, cap);
        Properties system = new Properties();
        system.setProperty(RaftServerConfigKeys.Log.Appender.BUFFER_BYTE_LIMIT_KEY, "4MB");
        RatisReplicationProvider.applyOverrides(props, system);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> EntrySizeLimits.check(props, cap));
        assertTrue(refused.getMessage().contains("max_coalesced_bytes"), refused.getMessage());
        assertTrue(refused.getMessage().contains(RaftServerConfigKeys.Log.Appender.BUFFER_BYTE_LIMIT_KEY));
    }

    @Test
    void shouldRefuseACapThatGrpcCouldNotCarry() {
        RaftProperties props = new RaftProperties();
        long cap = 64L << 20;
        EntrySizeLimits.applyTo(props, cap);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> EntrySizeLimits.check(props, cap));
        assertTrue(refused.getMessage().contains("raft.grpc.message.size.max"), refused.getMessage());
    }

    @Test
    void shouldRefuseAWriteBufferOverrideBelowTheLimit() {
        RaftProperties props = new RaftProperties();
        long cap = 16L << 20;
        EntrySizeLimits.applyTo(props, cap);
        Properties system = new Properties();
        system.setProperty(RaftServerConfigKeys.Log.WRITE_BUFFER_SIZE_KEY, "8MB");
        RatisReplicationProvider.applyOverrides(props, system);
        assertThrows(IllegalArgumentException.class, () -> EntrySizeLimits.check(props, cap));
    }
}
