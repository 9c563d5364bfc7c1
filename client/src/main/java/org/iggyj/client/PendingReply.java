package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import org.iggyj.protocol.ErrorCode;

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
        if (status == ErrorCode.DISCONNECTED.code()) {
            future.completeExceptionally(serverDisconnected());
            return;
        }
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

    /**
     * Status 8 is no answer to a request but the server's notice that it is closing the connection (at
     * shutdown, or when it refuses a connection), and it may take the place of the reply to the request in
     * flight: that request's outcome is unknown, like any other request cut off by a broken connection.
     *
     * @return the failure of every request pending on a connection the server disconnected
     */
    static IggyClientException serverDisconnected() {
        return new IggyClientException(ErrorCode.CONNECTION_CLOSED,
                "connection closed by the server (status 8 disconnected)");
    }

    void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }
}
