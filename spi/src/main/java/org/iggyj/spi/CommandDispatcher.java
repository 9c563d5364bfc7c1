package org.iggyj.spi;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;

/**
 * Executes Iggy commands on behalf of a session. Transports call it once per decoded request,
 * from their event loop; the reply completes on a kernel thread.
 *
 * <p>A transport must not dispatch the next request of one connection before the previous reply
 * has completed: replies carry no request id, so the protocol requires them in request order.
 */
public interface CommandDispatcher {

    /**
     * Runs one command.
     *
     * @param session the calling connection's session, from {@link Sessions#open}
     * @param code    the command code (see {@code org.iggyj.protocol.CommandCode})
     * @param payload the request payload, exactly the bytes after the code; the dispatcher takes
     *                ownership and releases it
     * @return the reply, never completed exceptionally: failures are error replies
     */
    CompletionStage<Reply> dispatch(Session session, int code, ByteBuf payload);
}
