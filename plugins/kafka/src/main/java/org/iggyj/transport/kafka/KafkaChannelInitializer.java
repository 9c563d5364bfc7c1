package org.iggyj.transport.kafka;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import org.iggyj.protocol.RoomReads;
import org.iggyj.spi.ServerTls;

/**
 * The pipeline of one Kafka connection: TLS when {@code [kafka.tls]} enables it (clients then use
 * {@code SASL_SSL}), Kafka's framing (a 4-byte big-endian size, then the request; {@link KafkaFrameDecoder}),
 * refusing frames over {@code max_request_size} by closing the connection as a Kafka broker does, then
 * the request handler.
 */
final class KafkaChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final KafkaBroker broker;
    private final KafkaApis apis;
    private final OpenChannels channels;
    private final SslContext ssl;

    KafkaChannelInitializer(KafkaBroker broker, KafkaApis apis, OpenChannels channels, SslContext ssl) {
        this.broker = broker;
        this.apis = apis;
        this.channels = channels;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        if (ssl != null) {
            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
        }
        // Reads of up to a megabyte, with or without TLS: a producer's 1 MiB Produce then arrives in a few
        // reads rather than sixteen of 64 KiB, and one that arrives whole is passed on without a copy.
        ServerTls.sizeReads(ch);
        KafkaFrameDecoder frames = new KafkaFrameDecoder(broker.config().maxRequestBytes());
        if (ssl == null) {
            // without TLS the socket's reads reach the decoder as they are, so they can land in its frame
            ch.config().setRecvByteBufAllocator(new RoomReads(ch.config().getRecvByteBufAllocator(), frames::readTarget));
        }
        ch.pipeline()
                .addLast("frames", frames)
                .addLast("kafka", new KafkaConnectionHandler(broker, apis));
    }
}
