package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.spi.Reply;

/**
 * Takes write commands away from local execution: with clustering on, the dispatcher hands every
 * write it decoded and authenticated to a forwarder, which replicates it and answers once it has
 * been applied here through {@link KernelDispatcher#applyLocally}.
 */
public interface WriteForwarder {

    /**
     * @param code      the command code
     * @param firstByte the payload's first byte (0 when empty): for commands that replicate only in
     *                  some forms, e.g. the consumer kind of an offset store
     * @return whether this command goes through the forwarder. Any thread.
     */
    boolean handles(int code, byte firstByte);

    /**
     * @param session the client's session, authenticated
     * @param code    the command code
     * @param payload the whole request payload as received; valid during the call only (copy it)
     * @param request the decoded request (already validated)
     * @return the reply to the client
     */
    CompletionStage<Reply> forward(ClientSession session, int code, ByteBuf payload, Object request);
}
