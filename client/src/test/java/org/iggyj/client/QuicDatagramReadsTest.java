package org.iggyj.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The QUIC client's datagram reads on a real loopback socket: datagrams of quiche's largest 1-RTT packet, and of
 * every size below it, arrive whole and in order, whether one system call takes them one by one or several at once.
 */
class QuicDatagramReadsTest {

    private static final int DATAGRAMS = 3 * QuicDatagramReads.DATAGRAMS_PER_CALL + 5;

    private static byte[] datagram(int index) {
        // quiche's largest packet, then sizes down to one byte, so that slots hold datagrams shorter than themselves.
        int length = index == 0 ? 16_383 : Math.max(1, 16_383 - index * 331);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + index);
        }
        return bytes;
    }

    private static void assertReadsWhole(boolean nativeEpoll) throws Exception {
        ClientIo io = ClientIo.create(1);
        QuicDatagramReads reads = new QuicDatagramReads(io.nativeEpoll() && nativeEpoll, 64);
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        Channel channel = null;
        try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sender.setSendBufferSize(4 << 20);
            channel = reads.apply(new Bootstrap().group(io.group()).channel(io.datagramChannelClass()))
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.SO_RCVBUF, 4 << 20)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            received.add(ByteBufUtil.getBytes(packet.content()));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            // Stop reading while the datagrams queue up, so that the read calls find many at once.
            channel.config().setAutoRead(false);
            InetSocketAddress to = (InetSocketAddress) channel.localAddress();
            for (int i = 0; i < DATAGRAMS; i++) {
                byte[] bytes = datagram(i);
                sender.send(new java.net.DatagramPacket(bytes, bytes.length, to));
            }
            channel.config().setAutoRead(true);
            for (int i = 0; i < DATAGRAMS; i++) {
                byte[] bytes = received.poll(10, TimeUnit.SECONDS);
                assertNotNull(bytes, "datagram " + i + " of " + DATAGRAMS + " arrives");
                assertArrayEquals(datagram(i), bytes, "datagram " + i + " whole and in order");
            }
        } finally {
            if (channel != null) {
                channel.close().sync();
            }
            io.close();
        }
        assertTrue(received.isEmpty(), "no datagram more than was sent");
    }

    @Test
    void shouldReadDatagramsWholeSeveralPerSystemCall() throws Exception {
        assumeTrue(Epoll.isAvailable(), "scattering reads need native epoll");
        assertTrue(new QuicDatagramReads(true, 64).scattering());
        assertReadsWhole(true);
    }

    @Test
    void shouldReadDatagramsWholeOnePerSystemCall() throws Exception {
        assertReadsWhole(false);
    }

    @Test
    void shouldLetTheServerSendNoDatagramLargerThanASlot() {
        assertEquals(QuicDatagramReads.DATAGRAM_BYTES, new QuicDatagramReads(true, 64).maxRecvUdpPayload());
        QuicDatagramReads nio = new QuicDatagramReads(false, 64);
        assertFalse(nio.scattering());
        assertEquals(QuicDatagramReads.MAX_UDP_PAYLOAD, nio.maxRecvUdpPayload());
    }
}
