package org.iggyj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.iggyj.spi.test.MapKernelConfig;
import org.junit.jupiter.api.Test;

class ReplicationRpcTest {

    @Test
    void shouldUseGrpcOnTheReplicationPortByDefault() {
        RaftProperties props = new RaftProperties();
        ReplicationRpc.of(new MapKernelConfig()).applyTo(props, 18071);

        assertEquals(SupportedRpcType.GRPC, RaftConfigKeys.Rpc.type(props, null));
        assertEquals(18071, GrpcConfigKeys.Server.port(props));
    }

    @Test
    void shouldUseNettyOnTheReplicationPortWhenConfigured() {
        RaftProperties props = new RaftProperties();
        ReplicationRpc.of(new MapKernelConfig().put("replication.rpc", " Netty ")).applyTo(props, 18072);

        assertEquals(SupportedRpcType.NETTY, RaftConfigKeys.Rpc.type(props, null));
        assertEquals(18072, NettyConfigKeys.Server.port(props));
    }

    @Test
    void shouldRejectAnUnknownTransportByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplicationRpc.of(new MapKernelConfig().put("replication.rpc", "http2")));
        assertTrue(e.getMessage().contains("http2"), e.getMessage());
    }
}
