package org.iggyj.client;

import org.iggyj.protocol.ErrorCode;

/**
 * A command that changes state was written, or may have been, and the connection broke before its reply
 * came: the server may or may not have applied it. {@link FailoverConnection} throws it instead of
 * resending, because a resent batch of messages would be stored twice unless the messages carry their
 * own ids and the server deduplicates them. The connection has already moved to another node when this
 * is thrown, so the caller can check (poll) or resend if its messages make that safe.
 */
public final class InDoubtException extends IggyClientException {

    private static final long serialVersionUID = 1L;

    /**
     * @param command the command code whose outcome is unknown
     * @param cause   the connection failure
     */
    public InDoubtException(int command, IggyClientException cause) {
        super(ErrorCode.CONNECTION_CLOSED, "command " + command + " may or may not have been applied: "
                + cause.getMessage(), cause);
    }
}
