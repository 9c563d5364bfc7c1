package org.iggyj.transport.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.iggyj.protocol.CommandCode;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;

/**
 * Iggy binary commands issued on behalf of one Kafka connection, through the kernel's one entry point:
 * so permissions, validation and storage behave exactly as for Iggy clients. Replies are read on the
 * connection's event loop, never on the kernel thread that completed them.
 */
final class IggyCalls {

    private final CommandDispatcher dispatcher;
    private final ByteBufAllocator alloc;
    private final Executor loop;
    private final Session session;

    IggyCalls(CommandDispatcher dispatcher, ByteBufAllocator alloc, Executor loop, Session session) {
        this.dispatcher = dispatcher;
        this.alloc = alloc;
        this.loop = loop;
        this.session = session;
    }

    Session session() {
        return session;
    }

    /** @return the connection's event loop, where continuations of kernel replies run */
    Executor loop() {
        return loop;
    }

    /**
     * Runs a command whose reply must succeed.
     *
     * @param code    the command code
     * @param request writes the payload
     * @param reader  reads the reply payload (called on the event loop; the payload is released after)
     * @return the value read, or a failure with {@link IggyCallException} for an error status
     */
    <T> CompletableFuture<T> call(int code, Consumer<ByteBuf> request, Function<ByteBuf, T> reader) {
        return raw(code, request).thenApply(reply -> {
            try {
                if (!reply.isOk()) {
                    throw new IggyCallException(reply.status(), code);
                }
                return reader.apply(reply.payload());
            } finally {
                reply.release();
            }
        });
    }

    /**
     * As {@link #call}, for commands that answer an empty payload when the entity does not exist.
     */
    <T> CompletableFuture<Optional<T>> find(int code, Consumer<ByteBuf> request, Function<ByteBuf, T> reader) {
        return call(code, request, payload -> payload.isReadable() ? Optional.of(reader.apply(payload))
                : Optional.<T>empty());
    }

    /** @return the command's reply status (0 or an Iggy error code), its payload discarded */
    CompletableFuture<Integer> status(int code, Consumer<ByteBuf> request) {
        return raw(code, request).thenApply(reply -> {
            reply.release();
            return reply.status();
        });
    }

    /**
     * @return the user id a login command answered (its u32 identity reply), or -1 when it was refused
     */
    CompletableFuture<Long> identity(int code, Consumer<ByteBuf> request) {
        return raw(code, request).thenApply(reply -> {
            try {
                ByteBuf payload = reply.payload();
                return reply.isOk() && payload.readableBytes() >= Integer.BYTES
                        ? payload.getUnsignedIntLE(payload.readerIndex()) : -1L;
            } finally {
                reply.release();
            }
        });
    }

    /**
     * The outcome of a send_messages.
     *
     * @param status      0 or an Iggy error code
     * @param firstOffset the offset the first stored message got; -1 when the kernel did not say
     *                    (see {@link org.iggyj.spi.Session#receivesAppendOffsets()})
     */
    record Appended(int status, long firstOffset) {
    }

    /**
     * @param sizeHint about how many bytes {@code request} writes: the payload buffer starts that large,
     *                 as growing a buffer of a megabyte by doubling copies it over and over
     * @return the outcome of a send_messages whose payload {@code request} writes
     */
    CompletableFuture<Appended> send(int sizeHint, Consumer<ByteBuf> request) {
        return raw(CommandCode.SEND_MESSAGES, sizeHint, request).thenApply(reply -> {
            try {
                ByteBuf payload = reply.payload();
                long first = reply.isOk() && payload.readableBytes() >= Long.BYTES
                        ? payload.getLongLE(payload.readerIndex()) : -1;
                return new Appended(reply.status(), first);
            } finally {
                reply.release();
            }
        });
    }

    private CompletableFuture<Reply> raw(int code, Consumer<ByteBuf> request) {
        return raw(code, 256, request);
    }

    private CompletableFuture<Reply> raw(int code, int sizeHint, Consumer<ByteBuf> request) {
        ByteBuf payload = alloc.buffer(sizeHint);
        try {
            request.accept(payload);
        } catch (RuntimeException e) {
            payload.release();
            return CompletableFuture.failedFuture(e);
        }
        return dispatcher.dispatch(session, code, payload).toCompletableFuture()
                .thenApplyAsync(reply -> reply, loop);
    }
}
