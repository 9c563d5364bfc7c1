package org.iggyj.protocol;

/**
 * The one exception that carries an Iggy wire status: whatever reaches a client as an error frame is
 * (or is mapped to) an {@code IggyException} and its {@link #errorCode()}.
 *
 * <p>The message is for logs only; Iggy 0.8 sends no error text on the wire. Exceptions built without a
 * cause skip stack-trace capture: they report expected client errors (bad frames, missing entities) and
 * are thrown often enough that filling a stack trace for each would cost more than the work itself.
 */
public class IggyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    /**
     * Creates a stackless exception for an expected client-facing error.
     *
     * @param errorCode the status to send
     * @param message   log text; never put passwords, tokens or payload bytes here
     */
    public IggyException(ErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    /**
     * Creates an exception that keeps its cause and stack trace, for internal failures.
     *
     * @param errorCode the status to send
     * @param message   log text
     * @param cause     the underlying failure
     */
    public IggyException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /**
     * Shorthand for {@code new IggyException(code, message)}.
     *
     * @param code    the status to send
     * @param message log text
     * @return the new exception, for {@code throw IggyException.of(...)}
     */
    public static IggyException of(ErrorCode code, String message) {
        return new IggyException(code, message);
    }

    /**
     * @return the status to put in the error frame
     */
    public ErrorCode errorCode() {
        return errorCode;
    }

    @Override
    public String toString() {
        return "IggyException[" + errorCode.code() + " " + errorCode.label() + "]: " + getMessage();
    }
}
