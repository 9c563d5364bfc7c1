package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.spi.Reply;

/**
 * Executes one decoded command.
 *
 * @param <T> the decoded request type
 */
@FunctionalInterface
interface CommandHandler<T> {

    /**
     * @param session the calling session (authentication already checked where required)
     * @param request the decoded request
     * @return the reply
     */
    CompletionStage<Reply> handle(ClientSession session, T request);

    /**
     * Decodes a request payload. Runs before the authentication check, as Iggy 0.8 does, so a
     * malformed request from an anonymous client gets 3 or 4 rather than 40.
     *
     * @param <T> the request type
     */
    @FunctionalInterface
    interface Decoder<T> {
        /**
         * @param payload the request payload; not retained past the call unless the request
         *                retains it
         * @return the request
         */
        T decode(ByteBuf payload);
    }
}
