package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka connection: parses each length-delimited request with {@code kafka-clients}' own
 * {@link RequestHeader} and {@link AbstractRequest#parseRequest}, runs it through {@link KafkaApis}
 * and writes the response, size-prefixed, in request order (Kafka clients pipeline requests and
 * match responses by correlation id, but a broker answers in order, which they rely on).
 *
 * <p>Requests of one connection run one after another, as a Kafka broker mutes a connection while
 * it serves a request; a long-polling Fetch therefore delays only its own connection. Reading stops
 * while {@value #MAX_QUEUED} requests wait, so a client cannot queue unbounded work.
 *
 * <p>A frame that cannot be parsed, an unknown API key or an unsupported version closes the connection
 * (except ApiVersions, answered with UNSUPPORTED_VERSION as Kafka does); other connections are not
 * affected. Confined to the channel's event loop.
 */
final class KafkaConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectionHandler.class);
    private static final int MAX_QUEUED = 16;

    private final KafkaBroker broker;
    private final KafkaApis apis;
    private KafkaConnection connection;
    private Session session;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int queued;

    KafkaConnectionHandler(KafkaBroker broker, KafkaApis apis) {
        this.broker = broker;
        this.apis = apis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        // Kafka clients are listed among Iggy clients as TCP: 0.8's transport kinds have no Kafka entry.
        session = broker.sessions().openWithAppendOffsets(TransportKind.TCP, remote);
        IggyCalls iggy = new IggyCalls(broker.dispatcher(), broker.alloc(), ctx.channel().eventLoop(), session);
        connection = new KafkaConnection(broker, iggy, remote);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            broker.sessions().close(session);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // The request is parsed in place: its records stay slices of the frame, which is released once
        // the response is written (or the request is refused).
        ByteBuf frame = (ByteBuf) msg;
        ByteBuffer buffer = frame.nioBuffer();
        RequestHeader header;
        AbstractRequest request;
        try {
            header = RequestHeader.parse(buffer);
        } catch (RuntimeException e) {
            frame.release();
            close(ctx, "unparsable request header: " + e.getMessage());
            return;
        }
        ApiKeys key = header.apiKey();
        if (!SupportedApis.supports(key, header.apiVersion())) {
            if (key == ApiKeys.API_VERSIONS) {
                enqueue(ctx, header, null, frame);
                return;
            }
            frame.release();
            close(ctx, "unsupported API " + key + " v" + header.apiVersion());
            return;
        }
        try {
            request = AbstractRequest.parseRequest(key, header.apiVersion(), new ByteBufferAccessor(buffer)).request;
        } catch (RuntimeException e) {
            frame.release();
            close(ctx, "unparsable " + key + " request: " + e.getMessage());
            return;
        }
        enqueue(ctx, header, request, frame);
    }

    private void enqueue(ChannelHandlerContext ctx, RequestHeader header, AbstractRequest request, ByteBuf frame) {
        if (++queued >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        tail = tail.thenComposeAsync(ignored -> run(header, request), ctx.channel().eventLoop())
                .handleAsync((response, failure) -> {
                    try {
                        finish(ctx, header, request, response, failure);
                    } finally {
                        frame.release();
                        connection.responseDone();
                    }
                    return null;
                }, ctx.channel().eventLoop());
    }

    private CompletableFuture<ApiMessage> run(RequestHeader header, AbstractRequest request) {
        if (request == null) {
            // ApiVersions at a version this broker does not know: answered at version 0, as Kafka does.
            return CompletableFuture.completedFuture(SupportedApis.response(Errors.UNSUPPORTED_VERSION));
        }
        try {
            return apis.handle(connection, header, request).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void finish(ChannelHandlerContext ctx, RequestHeader header, AbstractRequest request,
                        ApiMessage response, Throwable failure) {
        if (--queued < MAX_QUEUED && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (!ctx.channel().isActive()) {
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CloseConnection) {
            close(ctx, cause.getMessage());
            return;
        }
        ApiMessage body = response;
        if (cause != null) {
            LOG.warn("Kafka {} failed for {}", header.apiKey(), ctx.channel().remoteAddress(), cause);
            body = request.getErrorResponse(0, cause).data();
        }
        if (body == null) {
            return;
        }
        short version = request == null ? 0 : header.apiVersion();
        ResponseHeader responseHeader = new ResponseHeader(header.correlationId(),
                header.apiKey().responseHeaderVersion(version));
        ObjectSerializationCache cache = new ObjectSerializationCache();
        short headerVersion = responseHeader.headerVersion();
        int size = responseHeader.data().size(cache, headerVersion) + body.size(cache, version);
        // A Fetch's batches are not copied (see ByteBufWritable), so the rest of it is small.
        boolean fetch = header.apiKey() == ApiKeys.FETCH;
        ByteBuf out = ctx.alloc().ioBuffer(fetch ? Math.min(4 + size, 4096) : 4 + size);
        ByteBufWritable writable = fetch ? new ByteBufWritable(out, ctx.alloc(), connection::retainedSliceOf)
                : new ByteBufWritable(out);
        try {
            out.writeInt(size);
            responseHeader.data().write(writable, cache, headerVersion);
            body.write(writable, cache, version);
        } catch (RuntimeException e) {
            writable.release();
            throw e;
        }
        ctx.writeAndFlush(writable.written());
    }

    private void close(ChannelHandlerContext ctx, String reason) {
        LOG.debug("Closing Kafka connection {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Oversized frames (TooLongFrameException) and socket errors end this connection only.
        close(ctx, String.valueOf(cause));
    }
}
