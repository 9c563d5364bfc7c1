package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * A request waiting for its reply: the command (for error messages), how to decode the payload and the
 * future the caller waits on. Completed exactly once, on the event loop.
 *
 * @param <T> the result type
 */
final class PendingReply<T> {

    private final int command;
    private final ResponseDecoder<T> decoder;
    private final CompletableFuture<T> future = new CompletableFuture<>();

    PendingReply(int command, ResponseDecoder<T> decoder) {
        this.command = command;
        this.decoder = decoder;
    }

    CompletableFuture<T> future() {
        return future;
    }

    void complete(int status, ByteBuf payload) {
        if (status != 0) {
            future.completeExceptionally(new IggyClientException(status, command));
            return;
        }
        try {
            future.complete(decoder.decode(payload));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }
}
