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
 */
public final class RequestFrameDecoder extends ByteToMessageDecoder {

    public static final int HEADER_LENGTH = 8;
    static final int CODE_LENGTH = 4;
    static final int SEND_MESSAGES_CODE = 101;
    /** A payload has to fit one ByteBuf, whatever the configured limit says. */
    static final long MAX_BUFFERABLE_BYTES = Integer.MAX_VALUE - HEADER_LENGTH;

    private final FrameLimits limits;

    private State state = State.HEADER;
    private int code;
    private long remainingBytes;
    /** The last slice of the cumulation's room handed out to be filled in place; see {@link #readRoom}. */
    private ByteBuf room;

    private enum State { HEADER, PAYLOAD, DISCARD }

    /**
     * @param limits the payload limits to enforce
     */
    public RequestFrameDecoder(FrameLimits limits) {
        this.limits = limits;
        setCumulator(this::cumulate);
    }

    /**
     * Netty's merging cumulator, except when the cumulation is shared with a request still in flight
     * (a retained slice, several sends pipelined) and a payload is partly read: Netty would then copy
     * everything received so far into a new buffer at each power-of-two step as the reads arrive; here
     * the new buffer is sized for the whole payload at once, so the partial payload is copied once and
     * the later reads land in place. The shared buffer stays with the requests that hold it.
     */
    private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (in == room) {
            // Read or decrypted into the cumulation's own room (readRoom): the bytes are in place already.
            room = null;
            cumulation.writerIndex(cumulation.writerIndex() + in.readableBytes());
            in.release();
            return cumulation;
        }
        int total = cumulation.readableBytes() + in.readableBytes();
        if (state != State.PAYLOAD || cumulation.refCnt() == 1 || !cumulation.isReadable()
                || remainingBytes <= total) {
            return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        // Room for one more read past the payload: the read that completes it usually carries the next
        // frame's start, which would otherwise not fit and cost another copy of the whole payload.
        ByteBuf whole = alloc.buffer((int) Math.min(MAX_BUFFERABLE_BYTES, remainingBytes + in.readableBytes()));
        try {
            whole.writeBytes(cumulation).writeBytes(in);
        } finally {
            in.release();
            cumulation.release();
        }
        return whole;
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
     * {@link #readRoom} for a TLS engine decrypting the next read ({@code TlsDecryptAllocator}).
     *
     * @param minBytes the fewest bytes the room must hold
     * @return as {@link #readRoom}
     */
    public ByteBuf decryptRoom(int minBytes) {
        return readRoom(minBytes);
    }

    /**
     * The rest of the send request's payload being received, as a buffer a socket read (plain
     * connections: {@link InPlaceReads}) or a TLS engine ({@link #decryptRoom}) can fill, so it is not
     * copied from a buffer of its own into the cumulation. Only while a payload is partly received into
     * a cumulation nothing else holds, which {@link #reserve} has grown to the whole payload; event loop
     * only. The slice must come back to this decoder as the next read, filled or released.
     *
     * @param minBytes the fewest bytes the room must hold
     * @return a retained slice of the cumulation's writable room, up to the payload's end and at least
     *         {@code minBytes}, empty (writer index 0); or null
     */
    public ByteBuf readRoom(int minBytes) {
        ByteBuf cumulation = internalBuffer();
        if (state != State.PAYLOAD || cumulation.refCnt() != 1 || !cumulation.isReadable()) {
            return null;
        }
        long missing = remainingBytes - cumulation.readableBytes();
        int length = (int) Math.min(missing, cumulation.writableBytes());
        if (length < minBytes) {
            return null;
        }
        room = cumulation.retainedSlice(cumulation.writerIndex(), length).clear();
        return room;
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
