package org.iggyj.spi.wire;

import io.netty.buffer.ByteBuf;

/**
 * What {@link RequestFrameDecoder} passes to {@link OrderedCommandHandler}: a request to dispatch, or a
 * frame that was consumed but must be answered with an error. Both travel through the same queue
 * so that replies keep request order.
 */
public sealed interface InboundFrame permits InboundFrame.Request, InboundFrame.Rejected {

    /**
     * A complete request.
     *
     * @param code    the command code (a u32 on the wire; codes above {@code Integer.MAX_VALUE}
     *                arrive negative and are unknown to the dispatcher)
     * @param payload the payload bytes; owned by whoever holds the record until passed on
     */
    record Request(int code, ByteBuf payload) implements InboundFrame {
    }

    /**
     * A frame that was read (and its payload discarded) but cannot be dispatched.
     *
     * @param errorCode the Iggy error code to answer with
     */
    record Rejected(int errorCode) implements InboundFrame {
    }
}
