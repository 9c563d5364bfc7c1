package org.iggyj.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;

/**
 * The client's decoder of the frames a server sends (RFC 6455, unmasked), in place of Netty's: the
 * payload bytes of binary messages and their continuations pass on as they arrive, as slices of the
 * reads (the whole read when it is all payload), for {@link ResponseHandler} to cut into replies as over
 * TCP. Control frames (close, ping, pong) pass on as Netty's frame objects for the protocol handler;
 * text messages are dropped (the Iggy server sends none).
 *
 * <p>Why not Netty's {@code WebSocket13FrameDecoder}: it waits for a whole frame, cumulating the reads
 * (copied into a buffer grown by reallocation), then copies the payload out into a frame of its own. A
 * 1 MB poll reply is one frame, so the reply was copied two to three times before the response handler
 * saw it; here it is copied once, into the handler's assembly buffer.
 *
 * <p>One instance per channel, on its event loop. Installed by {@link WebSocketUpgrade} through the
 * handshaker, which adds the decoder when the upgrade completes.
 */
final class WebSocketPayloads extends ChannelInboundHandlerAdapter implements WebSocketFrameDecoder {

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;
    /** RFC 6455 5.5: a control frame's payload is at most 125 bytes. */
    private static final int MAX_CONTROL_PAYLOAD = 125;
    /** Two fixed bytes, up to eight of extended length; a server never sends a masking key. */
    private static final int MAX_HEADER = 10;

    /** The header being read, possibly over several reads. */
    private final byte[] header = new byte[MAX_HEADER];
    private int headerRead;
    /** Payload bytes of the current frame not yet passed on; 0 while a header is being read. */
    private long payloadLeft;
    private boolean inPayload;
    private int opcode;
    /** Whether the current frame's payload is passed on (binary message and its continuations). */
    private boolean passOn;
    /** The payload of the current control frame, being collected; null for data frames. */
    private ByteBuf control;
    /** Whether the message being received is binary, so its continuations are passed on too. */
    private boolean binaryMessage;
    private boolean broken;
    /** The handler the payloads go to, whose assembly buffer reads may fill in place; null for none. */
    private final ResponseHandler responses;

    /** @param responses the handler whose assembly room reads may fill in place ({@link #room}), or null */
    WebSocketPayloads(ResponseHandler responses) {
        this.responses = responses;
    }

    /**
     * The room of the reply {@link ResponseHandler} is assembling, for a socket read ({@code RoomReads}) or
     * a decryption ({@code TlsDecryptAllocator}) to fill in place: only while a binary frame's payload is
     * being passed on and the reply's missing bytes all lie in it, so the read takes no frame header and
     * comes back whole (the read itself is passed on when it is all payload). Event loop only.
     *
     * @param minBytes the fewest missing bytes worth a read of their own
     * @return as {@link ResponseHandler#assemblyRoom(int)}
     */
    ByteBuf room(int minBytes) {
        if (responses == null || !inPayload || !passOn || broken) {
            return null;
        }
        return responses.assemblyRoom(minBytes, payloadLeft);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean passed = false;
        try {
            while (in.isReadable() && !broken) {
                if (!inPayload) {
                    readHeader(ctx, in);
                    continue;
                }
                int take = (int) Math.min(payloadLeft, in.readableBytes());
                payloadLeft -= take;
                if (passOn && take == in.readableBytes()) {
                    // the rest of the read is payload: the read itself goes on rather than a slice of it,
                    // one object fewer, and with it this method's reference
                    passed = true;
                    if (payloadLeft == 0) {
                        inPayload = false;
                    }
                    ctx.fireChannelRead(in);
                    return;
                }
                if (passOn) {
                    ctx.fireChannelRead(in.readRetainedSlice(take));
                } else if (control != null) {
                    in.readBytes(control, take);
                } else {
                    in.skipBytes(take);
                }
                if (payloadLeft == 0) {
                    endFrame(ctx);
                }
            }
        } finally {
            if (!passed) {
                in.release();
            }
        }
    }

    private void readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable() && headerRead < headerLength()) {
            header[headerRead++] = in.readByte();
        }
        if (headerRead < headerLength()) {
            return;
        }
        int first = header[0] & 0xFF;
        int second = header[1] & 0xFF;
        if ((second & 0x80) != 0) {
            fail(ctx, "masked frame from the server");
            return;
        }
        if ((first & 0x70) != 0) {
            fail(ctx, "frame with reserved bits set (no extension was negotiated)");
            return;
        }
        long length = payloadLength(second & 0x7F);
        if (length < 0) {
            fail(ctx, "frame longer than 2^63 bytes");
            return;
        }
        opcode = first & 0x0F;
        boolean fin = (first & 0x80) != 0;
        headerRead = 0;
        if (opcode >= OPCODE_CLOSE) {
            if (!fin || length > MAX_CONTROL_PAYLOAD) {
                fail(ctx, "fragmented or oversized control frame");
                return;
            }
            control = ctx.alloc().heapBuffer((int) length);
            passOn = false;
        } else {
            if (opcode == OPCODE_BINARY) {
                binaryMessage = true;
            } else if (opcode != OPCODE_CONTINUATION) {
                binaryMessage = false;
            }
            passOn = binaryMessage;
            if (fin) {
                binaryMessage = false;
            }
        }
        payloadLeft = length;
        inPayload = true;
        if (length == 0) {
            endFrame(ctx);
        }
    }

    /** @return the header's length as far as its first two bytes say; 2 until they are read */
    private int headerLength() {
        if (headerRead < 2) {
            return 2;
        }
        int length7 = header[1] & 0x7F;
        return length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
    }

    private long payloadLength(int length7) {
        if (length7 == 126) {
            return ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        }
        if (length7 == 127) {
            long length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFF);
            }
            return length;
        }
        return length7;
    }

    private void endFrame(ChannelHandlerContext ctx) {
        inPayload = false;
        if (control == null) {
            return;
        }
        ByteBuf payload = control;
        control = null;
        switch (opcode) {
            case OPCODE_CLOSE -> ctx.fireChannelRead(new CloseWebSocketFrame(true, 0, payload));
            case OPCODE_PING -> ctx.fireChannelRead(new PingWebSocketFrame(payload));
            case OPCODE_PONG -> ctx.fireChannelRead(new PongWebSocketFrame(payload));
            default -> {
                payload.release();
                fail(ctx, "unknown control opcode " + opcode);
            }
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        broken = true;
        ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, why));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (control != null) {
            control.release();
            control = null;
        }
    }
}
