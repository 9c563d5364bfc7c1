package org.iggyj.spi.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.iggyj.spi.FrameLimits;
import org.junit.jupiter.api.Test;

/**
 * Send requests of about 1 MB, a small request between them, written to a real loopback TCP server (NIO
 * event loop, the pooled allocator, {@link InPlaceReads} and {@link RequestFrameDecoder}) in writes cut at
 * odd places, headers split: reads go straight into the decoder's buffer for the payload, and every
 * request comes out whole, with its own bytes, in order.
 */
class InPlaceReadsTest {

    private static final int[] WRITES = {1, 3, 16_389, 5, 7, 4093, 70_001, 16_413, 131_071, 2, 262_147, 9};

    @Test
    void largeRequestsAreReadIntoTheDecodersBufferIntact() throws Exception {
        List<byte[]> payloads = List.of(payload(1_000_000, 1), payload(17, 2), payload(1_200_003, 3),
                payload(5000, 4), payload(1_048_576, 5));
        BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(payloads.size());
        CompletableFuture<InPlaceReads> installed = new CompletableFuture<>();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            RequestFrameDecoder frames = new RequestFrameDecoder(new FrameLimits(1 << 20, 10 << 20));
                            installed.complete(InPlaceReads.install(channel, frames));
                            channel.pipeline().addLast(frames, new Collector(received));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(server.localAddress());
                OutputStream out = socket.getOutputStream();
                byte[] wire = wire(payloads);
                for (int at = 0, write = 0; at < wire.length; write++) {
                    int size = Math.min(WRITES[write % WRITES.length], wire.length - at);
                    out.write(wire, at, size);
                    out.flush();
                    at += size;
                }
                for (int i = 0; i < payloads.size(); i++) {
                    byte[] payload = received.poll(30, TimeUnit.SECONDS);
                    assertNotNull(payload, "request " + i + " not received");
                    assertArrayEquals(payloads.get(i), payload, "request " + i);
                }
            }
            assertEquals(0, received.size());
            assertTrue(installed.get().readsInPlace() > 0, "no read went into the decoder's buffer");
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static byte[] wire(List<byte[]> payloads) {
        int length = payloads.stream().mapToInt(p -> RequestFrameDecoder.HEADER_LENGTH + p.length).sum();
        ByteBuffer wire = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] payload : payloads) {
            wire.putInt(4 + payload.length).putInt(RequestFrameDecoder.SEND_MESSAGES_CODE).put(payload);
        }
        return wire.array();
    }

    private static byte[] payload(int length, int seed) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31 + i / 977 + seed * 101);
        }
        return payload;
    }

    /** Takes each request's payload out of the pipeline and releases it. */
    private static final class Collector extends ChannelInboundHandlerAdapter {

        private final BlockingQueue<byte[]> received;

        Collector(BlockingQueue<byte[]> received) {
            this.received = received;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            InboundFrame.Request request = (InboundFrame.Request) msg;
            try {
                received.add(ByteBufUtil.getBytes(request.payload()));
            } finally {
                request.payload().release();
            }
        }
    }
}
