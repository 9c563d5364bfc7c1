package org.iggyj.client;

import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * A request failed: the server answered with a non-zero status, or the connection broke or timed out
 * before the answer came. {@link #status()} is the raw wire status (also for codes Iggy 0.8 does not
 * define, which {@link #errorCode()} maps to {@link ErrorCode#ERROR}).
 */
public class IggyClientException extends IggyException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the response status sent by the server
     * @param command the command code that failed, for the message
     */
    public IggyClientException(int status, int command) {
        super(ErrorCode.forCode(status), "command " + command + " failed with status " + status + " ("
                + ErrorCode.forCode(status).label() + ")");
        this.status = status;
    }

    /**
     * A local failure (connection closed, timeout, unreadable reply).
     *
     * @param code    the nearest Iggy error
     * @param message what happened
     */
    public IggyClientException(ErrorCode code, String message) {
        super(code, message);
        this.status = code.code();
    }

    /**
     * A local failure with the failure that caused it.
     *
     * @param code    the nearest Iggy error
     * @param message what happened
     * @param cause   the underlying failure
     */
    protected IggyClientException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
        this.status = code.code();
    }

    /** @return the wire status (for local failures, the code of {@link #errorCode()}) */
    public int status() {
        return status;
    }
}
