package org.iggyj.transport.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;

/**
 * Several QUIC packets per system call on this server's UDP socket. quiche hands Netty one packet per call and
 * cuts every packet of an established connection at {@value #QUICHE_MAX_PACKET} bytes, so a 1 MB poll reply is
 * 64 packets whatever {@code initial_mtu} says, each otherwise a system call on each end. On an epoll channel,
 * equal-sized packets leave as one GSO write ({@code UDP_SEGMENT}) and a run of them arrives as one read
 * ({@code UDP_GRO}). Netty's codec still flushes every 27,000 bytes, so each flush carries one write of up to three;
 * a later flush made fewer system calls still but was slower (docs/benchmarks.md, "Eleventh session
 * (issue #11): QUIC"). Constants and pure functions only.
 */
final class QuicDatagramBatching {

    /** quiche's cap on an established connection's packets: their length must fit a 2-byte varint. */
    static final long QUICHE_MAX_PACKET = 16_383;
    /** What one GSO write may carry in all: an IPv4 datagram's 65,535 bytes less the IP and UDP headers. */
    static final int MAX_GSO_BYTES = 65_507;
    /** The kernel's {@code UDP_MAX_SEGMENTS}, and Netty's limit for a segmented allocator. */
    private static final int MAX_SEGMENTS = 64;

    private QuicDatagramBatching() {
    }

    /**
     * @param udpPayload the largest datagram this end sends
     * @return how many packets of that size (or quiche's cap, if smaller) fit in one GSO write, at least 1
     */
    static int segmentsPerWrite(long udpPayload) {
        long packet = Math.min(udpPayload, QUICHE_MAX_PACKET);
        return (int) Math.max(1, Math.min(MAX_SEGMENTS, MAX_GSO_BYTES / packet));
    }

    /**
     * @param datagramChannel the class of the UDP channel the listener runs on
     * @return whether it is epoll's and the kernel and Netty's native library support {@code UDP_SEGMENT}
     */
    static boolean supported(Class<? extends DatagramChannel> datagramChannel) {
        return EpollDatagramChannel.class.isAssignableFrom(datagramChannel)
                && EpollDatagramChannel.isSegmentedDatagramPacketSupported();
    }

    /**
     * Where {@link #supported}, GSO writes on the codec's connections.
     *
     * @return {@code codec}
     */
    static QuicServerCodecBuilder batchWrites(QuicServerCodecBuilder codec, Class<? extends DatagramChannel> channel,
            long udpPayload) {
        if (supported(channel)) {
            codec.option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR,
                    EpollQuicUtils.newSegmentedAllocator(segmentsPerWrite(udpPayload)));
        }
        return codec;
    }

    /**
     * Where {@link #supported}, GRO reads on the UDP socket; the receive buffer ({@code MAX_UDP_PAYLOAD}) holds
     * any run the kernel coalesces, which stops at 64 KB.
     *
     * @return {@code udp}
     */
    static Bootstrap batchReads(Bootstrap udp, Class<? extends DatagramChannel> channel) {
        if (supported(channel)) {
            udp.option(EpollChannelOption.UDP_GRO, true);
        }
        return udp;
    }
}
