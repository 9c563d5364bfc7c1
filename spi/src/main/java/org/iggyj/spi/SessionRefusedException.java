package org.iggyj.spi;

/**
 * Thrown by {@link Sessions#open} when the kernel refuses a new connection, for example because its
 * source already holds the most connections that have not logged in yet. The transport answers with
 * {@link #errorCode()} where the protocol allows (an unsolicited error reply) and closes the
 * connection; the kernel has already logged the refusal and counted it.
 */
public final class SessionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;

    /**
     * @param errorCode the Iggy error code to send before closing
     * @param message   why, for the transport's logs
     */
    public SessionRefusedException(int errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    /**
     * @return the Iggy error code to send before closing
     */
    public int errorCode() {
        return errorCode;
    }
}
