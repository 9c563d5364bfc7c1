package org.iggyj.kernel.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.metrics.FsyncMeter;
import org.iggyj.kernel.metrics.TopicTraffic;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's {@link CommandDispatcher}: a table from command code to decoder and handler.
 *
 * <p>Order of checks, as Iggy 0.8: decode (3 or 4 on a malformed payload), then authentication
 * (40), then staleness (30, after the heartbeat reaper dropped the client), then the handler's own
 * checks. send_messages is the exception: it checks authentication
 * first. A known command that this server does not implement yet answers 5
 * ({@code FeatureUnavailable}); an unknown code answers 3. Every failure becomes an error reply;
 * the returned stage never completes exceptionally.
 */
public final class KernelDispatcher implements CommandDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(KernelDispatcher.class);
    private static final int MAX_CODE = 1024;

    private final Entry<?>[] entries = new Entry<?>[MAX_CODE];
    private volatile CommandMeters meters;
    private volatile WriteForwarder forwarder;
    private volatile CredentialPrehash credentials;
    private volatile OffsetChanges offsetChanges;
    private volatile GroupMemberships groupMemberships;
    private final TopicTraffic traffic = new TopicTraffic();

    /**
     * Resolves a request timer and an error counter for every registered command, once; later
     * dispatches record into them without allocating.
     *
     * @param registry where the meters live (the kernel's composite registry)
     */
    public void bindMeters(MeterRegistry registry) {
        meters = new CommandMeters(registry, MAX_CODE, code -> entries[code] != null);
        traffic.bind(registry);
        FsyncMeter.bind(registry);
    }

    /** @return the per-topic send and poll counters, bound with the other meters */
    public TopicTraffic traffic() {
        return traffic;
    }

    private record Entry<T>(CommandHandler.Decoder<T> decoder, CommandHandler<T> handler, boolean authFirst) {
    }

    <T> void register(int code, CommandHandler.Decoder<T> decoder, CommandHandler<T> handler) {
        entries[code] = new Entry<>(decoder, handler, false);
    }

    <T> void registerAuthFirst(int code, CommandHandler.Decoder<T> decoder, CommandHandler<T> handler) {
        entries[code] = new Entry<>(decoder, handler, true);
    }

    /**
     * From now on, write commands the forwarder {@link WriteForwarder#handles handles} are handed to
     * it after decoding and the authentication checks, instead of running here (clustering).
     *
     * @param writes the forwarder; null turns forwarding off
     */
    public void forwardWrites(WriteForwarder writes) {
        this.forwarder = writes;
    }

    void groupMemberships(GroupMemberships memberships) {
        this.groupMemberships = memberships;
    }

    /** @return how consumer group joins and leaves are checked and applied (clustering replicates them) */
    public GroupMemberships groupMemberships() {
        return groupMemberships;
    }

    void offsetChanges(OffsetChanges changes) {
        this.offsetChanges = changes;
    }

    /** @return how offset changes are resolved and applied apart (clustering) */
    public OffsetChanges offsetChanges() {
        return offsetChanges;
    }

    void credentialPrehash(CredentialPrehash prehash) {
        this.credentials = prehash;
    }

    /** @return how a forwarder hashes passwords before a command leaves this node (clustering), or null */
    public CredentialPrehash credentialPrehash() {
        return credentials;
    }

    /**
     * Runs a command here, never forwarding it: how a replicated write takes effect on each node.
     *
     * @param session the session the command runs as
     * @param code    the command code
     * @param payload the request payload; released by this call
     * @return the reply; never completes exceptionally
     */
    public CompletionStage<Reply> applyLocally(ClientSession session, int code, ByteBuf payload) {
        return dispatch(session, code, payload, false);
    }

    @Override
    public CompletionStage<Reply> dispatch(Session session, int code, ByteBuf payload) {
        return dispatch(session, code, payload, true);
    }

    private CompletionStage<Reply> dispatch(Session session, int code, ByteBuf payload, boolean forward) {
        try {
            if (!CommandCode.isKnown(code)) {
                return Replies.done(Reply.error(ErrorCode.INVALID_COMMAND.code()));
            }
            Entry<?> entry = code < MAX_CODE ? entries[code] : null;
            if (entry == null) {
                boolean anonymous = CommandCode.requiresAuth(code) && !session.isAuthenticated();
                return Replies.done(Reply.error(anonymous ? ErrorCode.UNAUTHENTICATED.code()
                        : ErrorCode.FEATURE_UNAVAILABLE.code()));
            }
            CommandMeters m = meters;
            CompletionStage<Reply> reply = run(entry, (ClientSession) session, code, payload, forward)
                    .exceptionally(t -> errorReply(code, t));
            // Applying a replicated write is not a client request: only the receiving node times it.
            return m == null || !forward ? reply : m.record(code, System.nanoTime(), reply);
        } catch (Throwable t) {
            return Replies.done(errorReply(code, t));
        } finally {
            payload.release();
        }
    }

    private <T> CompletionStage<Reply> run(Entry<T> entry, ClientSession session, int code, ByteBuf payload,
                                           boolean forward) {
        if (session.isLoginExpired()) {
            // The login timeout passed; a transport without a closer learns it here.
            return Replies.done(new Reply(ErrorCode.UNAUTHENTICATED.code(), io.netty.buffer.Unpooled.EMPTY_BUFFER, true));
        }
        boolean needsAuth = CommandCode.requiresAuth(code);
        int start = payload.readerIndex();
        if (entry.authFirst() && needsAuth && !session.isAuthenticated()) {
            return Replies.done(Reply.error(ErrorCode.UNAUTHENTICATED.code()));
        }
        T request = entry.decoder().decode(payload);
        if (needsAuth && !session.isAuthenticated()) {
            return Replies.done(Reply.error(ErrorCode.UNAUTHENTICATED.code()));
        }
        if (needsAuth && session.isStale()) {
            // The heartbeat reaper dropped this client; error 30 also makes the transport close it.
            return session.groupsLeft().handle((ignored, failure) -> Reply.error(ErrorCode.STALE_CLIENT.code()));
        }
        WriteForwarder writes = forward ? forwarder : null;
        byte firstByte = payload.writerIndex() > start ? payload.getByte(start) : 0;
        if (writes != null && writes.handles(code, firstByte)) {
            return writes.forward(session, code, payload.slice(start, payload.writerIndex() - start), request);
        }
        CompletionStage<Reply> reply = entry.handler().handle(session, request);
        return reply != null ? reply : CompletableFuture.completedFuture(Reply.ok());
    }

    private static Reply errorReply(int code, Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IggyException e) {
            return Reply.error(e.errorCode().code());
        }
        ErrorCode mapped = ioErrorFor(code, t);
        LOG.error("Command {} failed", CommandCode.name(code), t);
        return Reply.error(mapped.code());
    }

    private static ErrorCode ioErrorFor(int code, Throwable t) {
        if (!(t instanceof UncheckedIOException) && !(t instanceof java.io.IOException)) {
            return ErrorCode.ERROR;
        }
        if (code == CommandCode.SEND_MESSAGES) {
            return ErrorCode.CANNOT_APPEND_MESSAGE;
        }
        if (code == CommandCode.POLL_MESSAGES) {
            return ErrorCode.CANNOT_READ_MESSAGE;
        }
        return ErrorCode.IO_ERROR;
    }
}
