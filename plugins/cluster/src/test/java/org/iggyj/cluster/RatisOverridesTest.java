package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.junit.jupiter.api.Test;

class RatisOverridesTest {

    @Test
    void shouldPassRaftSystemPropertiesToRatisAndIgnoreOthers() {
        Properties system = new Properties();
        system.setProperty("raft.grpc.flow.control.window", "8MB");
        system.setProperty("iggy.something", "x");
        RaftProperties props = new RaftProperties();

        RatisReplicationProvider.applyOverrides(props, system);

        assertEquals(8L << 20, GrpcConfigKeys.flowControlWindow(props, null).getSize());
        assertNull(props.get("iggy.something"));
    }
}
