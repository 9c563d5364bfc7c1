package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.quic.QuicChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;
import org.iggyj.protocol.TlsDecryptAllocator;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.request.CreateConsumerGroup;
import org.iggyj.protocol.request.CreateStream;
import org.iggyj.protocol.request.CreateTopic;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.request.PollMessages;
import org.iggyj.protocol.request.SendMessagesRequest;
import org.iggyj.protocol.request.StoreConsumerOffset;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.response.Stats;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import org.iggyj.protocol.response.StatsReader;

/**
 * One connection to an Iggy 0.8 server over TCP or WebSocket (optionally with TLS) or QUIC, with
 * blocking calls.
 *
 * <p>Thread-safety: any thread may call; calls from several threads are pipelined, and replies are
 * matched in FIFO order. Each call waits up to the request timeout; a timeout closes the connection,
 * because a late reply could no longer be matched. Every failure is an {@link IggyClientException}:
 * the server's status, or {@link ErrorCode#CONNECTION_CLOSED} / {@link ErrorCode#TCP_ERROR} for local
 * ones; the server's unsolicited 8 {@code disconnected} notice (it is closing the connection) fails every
 * pending call with {@link ErrorCode#CONNECTION_CLOSED}, also when it arrives where a reply was due.
 *
 * <p>Buffers: request payloads come from the channel's pooled allocator and are released by Netty once
 * written; the batch given to {@link #sendMessages} stays the caller's. Replies are decoded on the event
 * loop into small values and released there.
 *
 * <p>Design note: this class frames requests and matches replies; opening the channel is
 * {@link StreamConnector}'s for TCP and WebSocket and {@link QuicRequests}' for QUIC.
 */
public final class IggyConnection implements AutoCloseable {

    /** Timeout of each call unless another is given at connect. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Channel channel;
    private final ResponseHandler responses;
    private final long timeoutNs;

    private IggyConnection(Channel channel, ResponseHandler responses, Duration timeout) {
        this.channel = channel;
        this.responses = responses;
        this.timeoutNs = timeout.toNanos();
    }

    /**
     * Connects with the shared event loops and the default timeout.
     *
     * @param host server host
     * @param port server TCP port
     * @return the connection, not logged in
     * @throws IggyClientException {@link ErrorCode#TCP_ERROR} when the connection cannot be made
     */
    public static IggyConnection connect(String host, int port) {
        return connect(ClientIo.shared(), host, port, DEFAULT_TIMEOUT);
    }

    /**
     * @param io      the event loops to run on
     * @param host    server host
     * @param port    server TCP port
     * @param timeout how long each call waits for its reply
     * @return the connection, not logged in
     * @throws IggyClientException {@link ErrorCode#TCP_ERROR} when the connection cannot be made
     */
    public static IggyConnection connect(ClientIo io, String host, int port, Duration timeout) {
        return connect(io, host, port, timeout, ClientTransport.TCP, ClientTls.OFF);
    }

    /**
     * @param io        the event loops to run on
     * @param host      server host (also the TLS server name and the WebSocket {@code Host})
     * @param port      the transport's port
     * @param timeout   how long each call, and the connection's handshakes, wait
     * @param transport TCP, WebSocket or QUIC (one stream per request; always TLS, {@code tls} only says
     *                  which certificate to trust)
     * @param tls       TLS settings; {@link ClientTls#OFF} for plain text
     * @return the connection, handshakes done, not logged in
     * @throws IggyClientException {@link ErrorCode#TCP_ERROR} when the connection or a handshake fails
     */
    public static IggyConnection connect(ClientIo io, String host, int port, Duration timeout,
                                         ClientTransport transport, ClientTls tls) {
        if (transport == ClientTransport.QUIC) {
            return new IggyConnection(QuicRequests.connect(io, host, port, timeout, tls), new ResponseHandler(),
                    timeout);
        }
        ResponseHandler responses = new ResponseHandler();
        Channel channel = new StreamConnector(io, host, port, timeout).connect(transport, tls, responses);
        return new IggyConnection(channel, responses, timeout);
    }

    /**
     * login_user (38).
     *
     * @return the user id
     * @throws IggyClientException e.g. 42 invalid_credentials
     */
    public long login(String username, String password) {
        LoginUser login = new LoginUser(username, password, "", "");
        return call(CommandCode.LOGIN_USER, login::encode, ByteBuf::readUnsignedIntLE);
    }

    /** ping (1). */
    public void ping() {
        call(CommandCode.PING, out -> { }, ResponseDecoder.NONE);
    }

    /**
     * create_stream (202).
     *
     * @return the id the server assigned
     */
    public long createStream(String name) {
        return call(CommandCode.CREATE_STREAM, new CreateStream(name)::encode, ByteBuf::readUnsignedIntLE);
    }

    /** delete_stream (203); 1009/1010 when it does not exist. */
    public void deleteStream(Identifier stream) {
        call(CommandCode.DELETE_STREAM, new StreamRef(stream)::encode, ResponseDecoder.NONE);
    }

    /**
     * create_topic (302) with no compression, server-default expiry and size, replication unset.
     *
     * @return the id the server assigned
     */
    public long createTopic(Identifier stream, long partitions, String name) {
        CreateTopic create = new CreateTopic(stream, partitions, 1, 0, 0, 0, name);
        return call(CommandCode.CREATE_TOPIC, create::encode, ByteBuf::readUnsignedIntLE);
    }

    /**
     * create_consumer_group (602).
     *
     * @return the id the server assigned
     */
    public long createConsumerGroup(Identifier stream, Identifier topic, String name) {
        CreateConsumerGroup create = new CreateConsumerGroup(stream, topic, name);
        return call(CommandCode.CREATE_CONSUMER_GROUP, create::encode, ByteBuf::readUnsignedIntLE);
    }

    /** join_consumer_group (604): this connection becomes a member. */
    public void joinConsumerGroup(Identifier stream, Identifier topic, Identifier group) {
        call(CommandCode.JOIN_CONSUMER_GROUP, new ConsumerGroupRef(stream, topic, group)::encode,
                ResponseDecoder.NONE);
    }

    /** @return the server's get_stats (10) record */
    public Stats stats() {
        return call(CommandCode.GET_STATS, out -> { }, StatsReader::stats);
    }

    /**
     * send_messages (101) of a batch encoded by {@link BatchWriter}.
     *
     * @param batch {@code count, index table, messages} from its reader index; still the caller's after the
     *              call (it is retained while being written), and must not change until the call returns
     */
    public void sendMessages(Identifier stream, Identifier topic, Partitioning partitioning, ByteBuf batch) {
        await(sendMessagesAsync(stream, topic, partitioning, batch));
    }

    /**
     * send_messages (101) of a batch encoded by {@link BatchWriter}, without waiting: several may be in
     * flight on this connection (pipelining), and they reach the server, and are answered, in call order.
     * A server keeps up to its {@code [tcp] max_in_flight_sends} of them in progress at once and reads
     * the others when one is answered. Sends in flight together are like Kafka's producer with
     * {@code max.in.flight.requests.per.connection > 1} and no idempotence: each is answered on its own,
     * and one that fails does not stop the later ones, so a failed batch resent later lands after them.
     *
     * @param batch as for {@link #sendMessages(Identifier, Identifier, Partitioning, ByteBuf)}, and it must
     *              not change until the returned future completes
     * @return completes when the server has answered; fails with an {@link IggyClientException}. The
     *         caller bounds the wait (no request timeout applies here).
     */
    public CompletableFuture<Void> sendMessagesAsync(Identifier stream, Identifier topic, Partitioning partitioning,
                                                     ByteBuf batch) {
        int metadataLength = stream.encodedLength() + topic.encodedLength() + partitioning.encodedLength();
        ByteBuf head = channel.alloc().directBuffer(Frames.REQUEST_HEADER_LENGTH + 4 + metadataLength);
        Frames.writeRequestHeader(head, CommandCode.SEND_MESSAGES, 4 + metadataLength + batch.readableBytes());
        head.writeIntLE(metadataLength + 4);
        stream.write(head);
        topic.write(head);
        partitioning.write(head);
        return submit(CommandCode.SEND_MESSAGES, ResponseDecoder.NONE, head, batch.retainedDuplicate());
    }

    /**
     * poll_messages (100).
     *
     * @param partitionId the partition, or -1 to let the server choose (consumer groups)
     * @return a summary of what came back
     */
    public PolledBatch pollMessages(Consumer consumer, Identifier stream, Identifier topic, long partitionId,
                                    PollingStrategy strategy, long count, boolean autoCommit) {
        PollMessages poll = new PollMessages(consumer, stream, topic, partitionId, strategy, count, autoCommit);
        return call(CommandCode.POLL_MESSAGES, poll::encode, PolledBatch::decode);
    }

    /**
     * poll_messages (100), without waiting: several polls may be in flight on this connection, like
     * Kafka's consumer fetching ahead while the records of the previous fetch are handled. Over TCP and
     * WebSocket the server answers them one after another in call order (a poll is never run alongside
     * another request of the same connection), so each poll with the next strategy or auto-commit sees
     * the offset the previous one left; over QUIC each request has its own stream and that order is not
     * promised. A caller asking by offset must handle a reply that comes back shorter than
     * asked: the polls it sent after it asked from offsets past the end of that reply.
     *
     * @param partitionId the partition, or -1 to let the server choose (consumer groups)
     * @return completes with a summary of what came back, on the connection's event loop; fails with an
     *         {@link IggyClientException}. The caller bounds the wait (no request timeout applies here).
     */
    public CompletableFuture<PolledBatch> pollMessagesAsync(Consumer consumer, Identifier stream, Identifier topic,
                                                            long partitionId, PollingStrategy strategy, long count,
                                                            boolean autoCommit) {
        PollMessages poll = new PollMessages(consumer, stream, topic, partitionId, strategy, count, autoCommit);
        return submit(CommandCode.POLL_MESSAGES, PolledBatch::decode, frame(CommandCode.POLL_MESSAGES, poll::encode),
                null);
    }

    /**
     * send_messages (101) of individually built messages (ids, headers, payloads as given).
     *
     * @param messages at least one message
     */
    public void sendMessages(Identifier stream, Identifier topic, Partitioning partitioning,
                             List<MessageDraft> messages) {
        call(CommandCode.SEND_MESSAGES, out -> SendMessagesRequest.encode(out, stream, topic, partitioning, messages),
                ResponseDecoder.NONE);
    }

    /**
     * poll_messages (100), returning the reply as the server sent it, for callers that inspect messages.
     *
     * @return {@code partition_id u32, current_offset u64, count u32, message frames}
     */
    public byte[] pollMessagesRaw(Consumer consumer, Identifier stream, Identifier topic, long partitionId,
                                  PollingStrategy strategy, long count, boolean autoCommit) {
        PollMessages poll = new PollMessages(consumer, stream, topic, partitionId, strategy, count, autoCommit);
        return call(CommandCode.POLL_MESSAGES, poll::encode, ByteBufUtil::getBytes);
    }

    /** store_consumer_offset (121); {@code partitionId} -1 leaves it to the server. */
    public void storeConsumerOffset(Consumer consumer, Identifier stream, Identifier topic, long partitionId,
                                    long offset) {
        StoreConsumerOffset store = new StoreConsumerOffset(consumer, stream, topic, partitionId, offset);
        call(CommandCode.STORE_CONSUMER_OFFSET, store::encode, ResponseDecoder.NONE);
    }

    /**
     * Any command, for tools that cover the whole protocol (the CLI): the payload is written by the
     * caller with the {@code protocol} request records, the reply comes back undecoded.
     *
     * @param command the command code ({@link CommandCode})
     * @param payload writes the request payload (without the 8-byte header)
     * @return a copy of the reply payload (without the 8-byte header); empty for an empty reply
     * @throws IggyClientException with the server's status when it is not 0
     */
    public byte[] request(int command, java.util.function.Consumer<ByteBuf> payload) {
        return call(command, payload::accept, reply -> {
            byte[] bytes = new byte[reply.readableBytes()];
            reply.readBytes(bytes);
            return bytes;
        });
    }

    /** @return whether the TCP connection is open */
    public boolean isOpen() {
        return channel.isActive();
    }

    /** Closes the connection; pending calls fail with 206 connection_closed. Idempotent. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }

    /** @return how many TLS reads were decrypted straight into a reply's assembly buffer (0 without TLS) */
    long decryptionsInPlace() {
        return channel.config().getAllocator() instanceof TlsDecryptAllocator decrypt
                ? decrypt.decryptionsInPlace() : 0;
    }

    private interface PayloadWriter {
        void write(ByteBuf out);
    }

    private <T> T call(int command, PayloadWriter payload, ResponseDecoder<T> decoder) {
        return await(submit(command, decoder, frame(command, payload), null));
    }

    /** @return the request frame: header and the payload {@code payload} writes */
    private ByteBuf frame(int command, PayloadWriter payload) {
        ByteBuf frame = channel.alloc().directBuffer();
        try {
            frame.writerIndex(Frames.REQUEST_HEADER_LENGTH);
            payload.write(frame);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        int payloadLength = frame.writerIndex() - Frames.REQUEST_HEADER_LENGTH;
        frame.setIntLE(0, payloadLength + Frames.MIN_REQUEST_LENGTH);
        frame.setIntLE(4, command);
        return frame;
    }

    private <T> CompletableFuture<T> submit(int command, ResponseDecoder<T> decoder, ByteBuf head, ByteBuf body) {
        PendingReply<T> reply = new PendingReply<>(command, decoder);
        try {
            // Enqueue and write in one event-loop task, so the FIFO order is the order on the wire.
            channel.eventLoop().execute(() -> {
                if (channel instanceof QuicChannel quic) {
                    ByteBuf request = body == null ? head
                            : channel.alloc().compositeDirectBuffer(2).addComponents(true, head, body);
                    QuicRequests.send(quic, reply, request);
                    return;
                }
                responses.enqueue(reply);
                // One buffer per request, so a message transport (WebSocket) sends one message.
                ByteBuf request = body == null ? head
                        : channel.alloc().compositeDirectBuffer(2).addComponents(true, head, body);
                channel.writeAndFlush(request, channel.voidPromise());
            });
        } catch (RejectedExecutionException e) {
            head.release();
            if (body != null) {
                body.release();
            }
            throw new IggyClientException(ErrorCode.CONNECTION_CLOSED, "event loops are shut down");
        }
        return reply.future();
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeoutNs, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IggyClientException ice) {
                throw ice;
            }
            throw new IggyClientException(ErrorCode.INVALID_FORMAT, "unreadable reply: " + e.getCause());
        } catch (TimeoutException e) {
            channel.close();
            throw new IggyClientException(ErrorCode.TCP_ERROR, "no reply within " + timeoutNs / 1_000_000 + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new IggyClientException(ErrorCode.TCP_ERROR, "interrupted while waiting for a reply");
        }
    }
}
