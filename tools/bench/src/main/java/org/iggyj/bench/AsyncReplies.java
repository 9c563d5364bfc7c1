package org.iggyj.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.iggyj.client.FailoverConnection;
import org.iggyj.client.IggyClientException;
import org.iggyj.client.IggyConnection;
import org.iggyj.client.InDoubtException;
import org.iggyj.protocol.ErrorCode;

/**
 * How the actors wait for a request they sent ahead (sends and polls in flight): the same bound as a
 * blocking call, and the same reading of a failure, so a lost connection is retried or counted in doubt
 * alike whether one request or several were in flight.
 */
final class AsyncReplies {

    private AsyncReplies() {
    }

    /**
     * Waits for {@code reply} as long as a blocking call would. A reply that does not come in time closes
     * the connection, so the requests sent after it fail too rather than wait on a stuck node.
     *
     * @throws ExecutionException the request failed: see {@link #lost} and {@link #unexpected}
     */
    static <T> T await(FailoverConnection connection, CompletableFuture<T> reply) throws ExecutionException {
        try {
            return reply.get(IggyConnection.DEFAULT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            connection.current().close();
            throw new IggyClientException(ErrorCode.TCP_ERROR, "no reply within "
                    + IggyConnection.DEFAULT_TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IggyClientException(ErrorCode.TCP_ERROR, "interrupted while waiting for a reply");
        }
    }

    /** @return true when the request may or may not have taken effect: its connection broke under it */
    static boolean lost(Throwable cause) {
        return cause instanceof InDoubtException || cause instanceof IggyClientException e
                && (e.status() == ErrorCode.CONNECTION_CLOSED.code() || e.status() == ErrorCode.TCP_ERROR.code());
    }

    /** @return the failure to end the run with, for a cause that is not {@link #lost} */
    static IggyClientException unexpected(Throwable cause) {
        return cause instanceof IggyClientException e ? e
                : new IggyClientException(ErrorCode.INVALID_FORMAT, "unreadable reply: " + cause);
    }
}
