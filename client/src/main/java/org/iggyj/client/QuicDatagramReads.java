package org.iggyj.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;

/**
 * How the QUIC client's datagram channel reads, and the largest datagram it lets the server send. Stateless.
 *
 * <p>Design note: on native epoll, one {@code recvmmsg} takes up to {@value #DATAGRAMS_PER_CALL} datagrams into
 * one pooled buffer cut in slots of {@value #DATAGRAM_BYTES} bytes (Netty's scattering read), instead of one
 * {@code recvmsg} and one 64 KiB buffer from the pool's arena per datagram: a 1 MB poll reply is 64 datagrams of
 * quiche's 16,383 bytes. quiche never sends a 1-RTT packet above 16,383 bytes (the length must fit a 2-byte
 * varint), and the server sends none above what the client advertises ({@code max_recv_udp_payload_size}), so
 * slots of 16,384 bytes truncate nothing. NIO has no scattering read: there each datagram is read on its own,
 * into a buffer of the largest UDP payload, as before. {@code -Diggy.client.quic.scatteringReads=false} turns
 * the scattering read off on epoll too (to measure it against the old path in the same minutes).
 */
final class QuicDatagramReads {

    /** The largest datagram a client on NIO accepts: the largest a UDP datagram can carry. */
    static final int MAX_UDP_PAYLOAD = 65_527;
    /** A slot of a scattering read, and the largest datagram the client then accepts: one quiche packet. */
    static final int DATAGRAM_BYTES = 16_384;
    /** Datagrams one {@code recvmmsg} may take: a quarter of a 1 MB poll reply in one 256 KiB buffer. */
    static final int DATAGRAMS_PER_CALL = 16;

    private final boolean scattering;
    private final int datagramsPerRead;

    /**
     * @param nativeEpoll      whether the datagram channel is Netty's epoll one
     * @param datagramsPerRead datagrams read before quiche may send (acknowledge)
     */
    QuicDatagramReads(boolean nativeEpoll, int datagramsPerRead) {
        this.scattering = nativeEpoll
                && Boolean.parseBoolean(System.getProperty("iggy.client.quic.scatteringReads", "true"));
        this.datagramsPerRead = datagramsPerRead;
    }

    /** @return whether reads take several datagrams per system call */
    boolean scattering() {
        return scattering;
    }

    /** @return the {@code max_recv_udp_payload_size} to advertise: no datagram may be larger than a read's slot */
    long maxRecvUdpPayload() {
        return scattering ? DATAGRAM_BYTES : MAX_UDP_PAYLOAD;
    }

    /**
     * Sets the datagram channel's read options. A fixed allocator reads one message per read loop unless told
     * otherwise, and a datagram shorter than its buffer says nothing about whether more are queued.
     *
     * @param datagram the bootstrap of the datagram channel
     * @return {@code datagram}
     */
    Bootstrap apply(Bootstrap datagram) {
        int bufferBytes = scattering ? DATAGRAM_BYTES * DATAGRAMS_PER_CALL : MAX_UDP_PAYLOAD;
        datagram.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(bufferBytes)
                .respectMaybeMoreData(false).maxMessagesPerRead(datagramsPerRead));
        if (scattering) {
            datagram.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, DATAGRAM_BYTES);
        }
        return datagram;
    }
}
