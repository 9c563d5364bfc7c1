package org.iggyj.spi.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;

/**
 * A dispatcher that records every call and answers from a per-code script. Without a script for a
 * code it echoes: a success reply whose payload is a copy of the request payload. Like the real
 * dispatcher it takes ownership of each payload: it copies the bytes and releases the buffer at
 * once, so leak detection in plugin tests sees the transport's buffer handling only.
 *
 * <p>Thread-safe; calls are recorded in arrival order.
 */
public final class RecordingDispatcher implements CommandDispatcher {

    /**
     * One recorded dispatch.
     *
     * @param session the session passed by the transport
     * @param code    the command code
     * @param payload a copy of the payload bytes
     */
    public record Call(Session session, int code, byte[] payload) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Integer, Function<Call, CompletionStage<Reply>>> script = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Reply> dispatch(Session session, int code, ByteBuf payload) {
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(payload);
        } finally {
            payload.release();
        }
        Call call = new Call(session, code, bytes);
        calls.add(call);
        Function<Call, CompletionStage<Reply>> answer = script.get(code);
        if (answer == null) {
            return CompletableFuture.completedFuture(Reply.ok(Unpooled.wrappedBuffer(bytes.clone())));
        }
        return answer.apply(call);
    }

    /**
     * Scripts the answer to one command code; the function runs on the caller's thread and may
     * return an incomplete stage that the test completes later.
     *
     * @param code   the command code
     * @param answer computes the reply stage from the recorded call
     * @return this dispatcher
     */
    public RecordingDispatcher answer(int code, Function<Call, CompletionStage<Reply>> answer) {
        script.put(code, answer);
        return this;
    }

    /**
     * Answers every call with {@code code} with a fresh reply from {@code reply}.
     *
     * @param code  the command code
     * @param reply supplies one reply per call; the transport owns (and releases) its payload
     * @return this dispatcher
     */
    public RecordingDispatcher reply(int code, Supplier<Reply> reply) {
        return answer(code, call -> CompletableFuture.completedFuture(reply.get()));
    }

    /**
     * Completes every call with {@code code} exceptionally, which the real dispatcher never does:
     * it lets a transport test its last-resort handling.
     *
     * @param code  the command code
     * @param error the failure
     * @return this dispatcher
     */
    public RecordingDispatcher fail(int code, Throwable error) {
        return answer(code, call -> CompletableFuture.failedFuture(error));
    }

    /**
     * @return a snapshot of the calls so far, in arrival order
     */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * @return the command codes dispatched so far, in arrival order
     */
    public List<Integer> codes() {
        return calls.stream().map(Call::code).toList();
    }
}
