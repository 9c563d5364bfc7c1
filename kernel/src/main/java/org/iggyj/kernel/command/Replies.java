package org.iggyj.kernel.command;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.iggyj.spi.Reply;

/**
 * Small helpers that build replies.
 */
final class Replies {

    private static final CompletionStage<Reply> EMPTY_OK = CompletableFuture.completedFuture(Reply.ok());

    private Replies() {
    }

    static CompletionStage<Reply> ok() {
        return EMPTY_OK;
    }

    static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /**
     * @param alloc  the allocator
     * @param writer writes the payload
     * @return a success reply carrying what the writer wrote
     */
    static Reply write(ByteBufAllocator alloc, Consumer<ByteBuf> writer) {
        ByteBuf out = alloc.buffer();
        try {
            writer.accept(out);
            return Reply.ok(out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
