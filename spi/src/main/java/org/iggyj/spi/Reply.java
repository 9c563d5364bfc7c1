package org.iggyj.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The outcome of one command: a status (0 = success, else an Iggy error code) and a payload.
 * The receiver owns the payload and must release it once written. Error replies have an empty
 * payload, as Iggy 0.8 sends no error text on the binary protocol.
 *
 * @param status          0 or an Iggy error code
 * @param payload         the response payload; empty for errors
 * @param closeConnection whether the transport must close the connection after writing this reply
 *                        (errors 30 {@code StaleClient} and 100 {@code ClientNotFound})
 */
public record Reply(int status, ByteBuf payload, boolean closeConnection) {

    /**
     * @return an empty success reply
     */
    public static Reply ok() {
        return new Reply(0, Unpooled.EMPTY_BUFFER, false);
    }

    /**
     * @param payload the payload, ownership passes to the reply
     * @return a success reply
     */
    public static Reply ok(ByteBuf payload) {
        return new Reply(0, payload, false);
    }

    /**
     * @param errorCode an Iggy error code
     * @return an error reply; errors 30 and 100 also ask the transport to close the connection
     */
    public static Reply error(int errorCode) {
        return new Reply(errorCode, Unpooled.EMPTY_BUFFER, errorCode == 30 || errorCode == 100);
    }

    /**
     * @return whether this is a success reply
     */
    public boolean isOk() {
        return status == 0;
    }
}
