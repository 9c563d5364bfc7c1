package org.iggyj.client;

import io.netty.buffer.ByteBuf;

/**
 * Turns a successful reply payload into a value. Runs on the connection's event loop; the buffer is
 * borrowed and released after the call, so the value must not keep it.
 *
 * @param <T> the result type
 */
@FunctionalInterface
interface ResponseDecoder<T> {

    /** Keeps no reference to the payload. */
    ResponseDecoder<Void> NONE = payload -> null;

    /**
     * @param payload the reply payload (without the 8-byte header)
     * @return the result
     */
    T decode(ByteBuf payload);
}
