package org.iggyj.transport.quic;

import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;

/**
 * How many QUIC packets one system call moves on this server's UDP socket. quiche hands Netty one packet per
 * call and caps every packet after the handshake at {@value #QUICHE_MAX_PACKET} bytes, so a 1 MB batch is at
 * least 64 packets whatever {@code initial_mtu} says; without help each is its own {@code sendmsg} and
 * {@code recvmsg}, and each read is followed by a send of its own acknowledgement. On an epoll datagram channel
 * Netty can send equal-sized packets as one GSO write ({@code UDP_SEGMENT}) and the kernel can hand a run of
 * them to one read ({@code UDP_GRO}). Constants and pure functions only.
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
}
