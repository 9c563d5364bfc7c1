package org.iggyj.spi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.iggyj.spi.FrameLimits;

/**
 * Splits the inbound byte stream into Iggy request frames:
 *
 * <pre>
 * offset  size  field
 * 0       4     length   u32 LE = 4 + N (the code and the payload, not itself)
 * 4       4     code     u32 LE command code
 * 8       N     payload
 * </pre>
 *
 * <p>A frame with {@code length < 4} is answered with error 3 and nothing more is read for it. A
 * payload larger than its limit ({@link FrameLimits#maxSendPayloadBytes()} for send_messages,
 * {@link FrameLimits#maxControlPayloadBytes()} for every other code) is skipped as it arrives, never
 * accumulated, and then answered with error 3: unlike Iggy 0.8, which leaves it unread and
 * desynchronises the stream, the next frame is read from the right place.
 *
 * <p>Emits {@link InboundFrame.Request} (its payload a retained slice of the cumulation, so the
 * handler owns it) and {@link InboundFrame.Rejected}. One instance per channel, confined to its event
 * loop.
 *
 * <p>A plain byte-stream transport can also let the socket read straight into the payload being received
 * ({@link PayloadReceiveAllocator}): the bytes then land where the request's slice will point, with no
 * copy out of a read buffer. Not for a stream that a handler before this one transforms (TLS).
 */
public final class RequestFrameDecoder extends ByteToMessageDecoder {

    public static final int HEADER_LENGTH = 8;
    static final int CODE_LENGTH = 4;
    static final int SEND_MESSAGES_CODE = 101;
    /** A payload has to fit one ByteBuf, whatever the configured limit says. */
    static final long MAX_BUFFERABLE_BYTES = Integer.MAX_VALUE - HEADER_LENGTH;

    /** Below this much room a lent read would be too small to be worth it; the normal path reads. */
    static final int MIN_LENT_BYTES = 4096;

    private final FrameLimits limits;

    private State state = State.HEADER;
    private int code;
    private long remainingBytes;
    /** The room last lent to a socket read, the cumulation it lies in, and where in it. */
    private ByteBuf lent;
    private ByteBuf lentFrom;
    private int lentAt;

    private enum State { HEADER, PAYLOAD, DISCARD }

    /**
     * @param limits the payload limits to enforce
     */
    public RequestFrameDecoder(FrameLimits limits) {
        this.limits = limits;
        setCumulator(this::cumulate);
    }

    /**
     * The free room of the cumulation right after the bytes of the payload being received, up to its
     * end, as a buffer for the next socket read (a retained slice, empty, that the caller reads into and
     * passes down the pipeline or releases); null when no payload is under way or the cumulation has too
     * little room (then the read takes a buffer of its own and is copied as usual). Event loop only.
     */
    ByteBuf lendPayloadRoom() {
        if (state != State.PAYLOAD) {
            return null;
        }
        ByteBuf cumulation = internalBuffer();
        long missing = remainingBytes - cumulation.readableBytes();
        int room = (int) Math.min(missing, cumulation.writableBytes());
        if (room <= 0 || room < Math.min(missing, MIN_LENT_BYTES)) {
            return null;
        }
        lentFrom = cumulation;
        lentAt = cumulation.writerIndex();
        lent = cumulation.retainedSlice(lentAt, room).clear();
        return lent;
    }

    /**
     * Bytes read into lent room are already in place: the cumulation only moves its writer index past
     * them. Anything else (or lent room that the cumulation no longer ends at) is merged by copying, as
     * Netty's own cumulator does, which is always correct because a lent slice keeps its memory alive.
     */
    private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (in == lent) {
            boolean inPlace = cumulation == lentFrom && cumulation.writerIndex() == lentAt;
            lent = null;
            lentFrom = null;
            if (inPlace) {
                cumulation.writerIndex(lentAt + in.readableBytes());
                in.release();
                return cumulation;
            }
        }
        return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case HEADER -> readHeader(in, out);
            case PAYLOAD -> readPayload(in, out);
            case DISCARD -> discardPayload(in, out);
            default -> throw new IllegalStateException(state.name());
        }
    }

    /**
     * @return bytes received but not yet consumed; a test hook showing that discarded payloads are
     *         never accumulated
     */
    public int bufferedBytes() {
        return actualReadableBytes();
    }

    private void readHeader(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        long length = in.readUnsignedIntLE();
        code = (int) in.readUnsignedIntLE();
        if (length < CODE_LENGTH) {
            out.add(new InboundFrame.Rejected(ReplyFrame.INVALID_COMMAND));
            return;
        }
        remainingBytes = length - CODE_LENGTH;
        long limit = Math.min(MAX_BUFFERABLE_BYTES,
                code == SEND_MESSAGES_CODE ? limits.maxSendPayloadBytes() : limits.maxControlPayloadBytes());
        state = remainingBytes > limit ? State.DISCARD : State.PAYLOAD;
        if (state == State.PAYLOAD) {
            reserve(in);
            readPayload(in, out);
        }
    }

    /**
     * Makes room in the cumulation for the whole payload at once. Left alone, Netty grows it by doubling
     * as the reads arrive, copying everything received so far at every step: about one more copy of each
     * byte of a 1 MB batch, and five buffers allocated and freed for it. Only a buffer nothing else
     * holds is grown in place, as Netty's own cumulator does: a retained slice (a request still on its
     * way to a shard) must keep its memory.
     */
    private void reserve(ByteBuf in) {
        long missing = remainingBytes - in.readableBytes();
        if (missing > 0 && in.refCnt() == 1 && !in.isReadOnly() && missing <= in.maxWritableBytes()) {
            in.ensureWritable((int) missing);
        }
    }

    private void readPayload(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < remainingBytes) {
            return;
        }
        out.add(new InboundFrame.Request(code, in.readRetainedSlice((int) remainingBytes)));
        state = State.HEADER;
    }

    private void discardPayload(ByteBuf in, List<Object> out) {
        int skipped = (int) Math.min(in.readableBytes(), remainingBytes);
        in.skipBytes(skipped);
        remainingBytes -= skipped;
        if (remainingBytes == 0) {
            out.add(new InboundFrame.Rejected(ReplyFrame.INVALID_COMMAND));
            state = State.HEADER;
        }
    }
}
