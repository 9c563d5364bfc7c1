package org.iggyj.protocol.request;

import static org.iggyj.protocol.Codes.assertFailsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;
import org.iggyj.protocol.Hex;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PartitioningKind;
import org.junit.jupiter.api.Test;

class SendMessagesRequestTest {

    private static final String HELLO_FRAME = """
            6f 00 00 00 65 00 00 00 12 00 00 00 01 04 01 00
            00 00 01 04 01 00 00 00 01 00 01 00 00 00 00 00
            00 00 45 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 05 00 00 00 00 00 00 00 00 00 00 00 68 65
            6c 6c 6f""";

    /** Payload index of the index table for numeric stream and topic ids with balanced partitioning. */
    private static final int INDEX = 4 + 18;

    private static final Identifier ONE = Identifier.numeric(1);

    private static ByteBuf batch(MessageDraft... messages) {
        ByteBuf buf = Unpooled.buffer();
        BatchEncoder.encode(buf, ONE, ONE, Partitioning.balanced(), List.of(messages));
        return buf;
    }

    private static MessageDraft msg(String payload) {
        return MessageDraft.of(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static int messageAt(ByteBuf payload, int count, int startInArea) {
        return INDEX + count * MessageLayout.INDEX_ENTRY_LENGTH + startInArea;
    }

    @Test
    void shouldEncodeTheSpecHelloFrameByteForByte() {
        ByteBuf payload = batch(msg("hello"));
        assertEquals(107, payload.readableBytes());
        assertEquals(107, BatchEncoder.encodedLength(ONE, ONE, Partitioning.balanced(), List.of(msg("hello"))));
        ByteBuf frame = Unpooled.buffer();
        Frames.writeRequestHeader(frame, CommandCode.SEND_MESSAGES, payload.readableBytes());
        frame.writeBytes(payload);
        assertEquals(Hex.norm(HELLO_FRAME), Hex.of(frame));
    }

    @Test
    void shouldDecodeTheSpecHelloFrameToOneMessage() {
        ByteBuf frame = Hex.buf(HELLO_FRAME);
        frame.skipBytes(Frames.REQUEST_HEADER_LENGTH);
        SendMessagesRequest request = SendMessagesRequest.decode(frame);
        assertEquals(ONE, request.streamId());
        assertEquals(ONE, request.topicId());
        assertEquals(PartitioningKind.BALANCED, request.partitioning().kind());
        assertEquals(1, request.messagesCount());
        assertEquals(69, request.messagesBytes());
        assertEquals(0, request.messageStart(0));
        assertEquals(69, request.messageSize(0));
        ByteBuf messages = request.messages();
        int at = messages.readerIndex();
        assertEquals(5, MessageLayout.payloadLength(messages, at));
        assertEquals("hello", messages.toString(at + MessageLayout.HEADER_LENGTH, 5, StandardCharsets.UTF_8));
        assertFalse(frame.isReadable());
    }

    @Test
    void shouldExposeEveryMessageOfABatchWithoutCopying() {
        MessageDraft withHeaders = new MessageDraft(7, 8, 99, new byte[] {2, 1, 0, 0, 0, 'k', 2, 1, 0, 0, 0, 'v'},
                "second".getBytes(StandardCharsets.UTF_8));
        ByteBuf payload = batch(msg("first"), withHeaders, msg(""));
        SendMessagesRequest request = SendMessagesRequest.decode(payload);
        assertEquals(3, request.messagesCount());
        assertEquals(69, request.messageStart(1));
        assertEquals(64 + 6 + 12, request.messageSize(1));
        assertEquals(69 + 82, request.messageStart(2));
        assertEquals(64, request.messageSize(2));
        ByteBuf messages = request.messages();
        int second = messages.readerIndex() + request.messageStart(1);
        assertEquals(7, messages.getLongLE(second + MessageLayout.ID_OFFSET));
        assertEquals(8, messages.getLongLE(second + MessageLayout.ID_OFFSET + 8));
        assertEquals(99, messages.getLongLE(second + MessageLayout.ORIGIN_TIMESTAMP_OFFSET));
        messages.setLongLE(second + MessageLayout.OFFSET_OFFSET, 42);
        assertEquals(42, payload.getLongLE(messageAt(payload, 3, 69) + MessageLayout.OFFSET_OFFSET));
    }

    @Test
    void shouldAcceptStringIdentifiersAndKeys() {
        ByteBuf buf = Unpooled.buffer();
        Partitioning key = Partitioning.messagesKey(new byte[] {1, 2});
        BatchEncoder.encode(buf, Identifier.named("s"), Identifier.named("t"), key, List.of(msg("x")));
        SendMessagesRequest request = SendMessagesRequest.decode(buf);
        assertEquals(Identifier.named("s"), request.streamId());
        assertEquals(key, request.partitioning());
    }

    @Test
    void shouldIgnoreExtraMetadataBytes() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeIntLE(20);
        buf.writeBytes(Hex.buf("01 04 01 00 00 00 01 04 01 00 00 00 01 00 01 00 00 00 aa bb"));
        ByteBuf rest = batch(msg("hi"));
        buf.writeBytes(rest, INDEX, rest.readableBytes() - INDEX);
        assertEquals(1, SendMessagesRequest.decode(buf).messagesCount());
    }

    @Test
    void shouldReportMalformedMetadata() {
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> SendMessagesRequest.decode(Hex.buf("")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> SendMessagesRequest.decode(Hex.buf("30 00 00 00 01 04")));
        assertFailsWith(ErrorCode.INVALID_IDENTIFIER,
                () -> SendMessagesRequest.decode(Hex.buf("11 00 00 00 01 03 01 00 00 01 04 01 00 00 00 01 00 01 00 00 00")));
        assertFailsWith(ErrorCode.INVALID_IDENTIFIER,
                () -> SendMessagesRequest.decode(Hex.buf("10 00 00 00 01 04 01 00 00 00 02 00 00 00 00 00 01 00 01 00")));
        assertFailsWith(ErrorCode.INVALID_COMMAND,
                () -> SendMessagesRequest.decode(Hex.buf("12 00 00 00 01 04 01 00 00 00 01 04 01 00 00 00 01 01 01 00 00 00")));
        assertFailsWith(ErrorCode.INVALID_COMMAND,
                () -> SendMessagesRequest.decode(Hex.buf("0e 00 00 00 01 04 01 00 00 00 01 04 01 00 00 00 01 00")));
        ByteBuf hello = batch(msg("hello"));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> SendMessagesRequest.decode(hello.slice(0, INDEX + 15)));
    }

    @Test
    void shouldRejectAnEmptyBatch() {
        assertFailsWith(ErrorCode.INVALID_MESSAGES_COUNT, () -> SendMessagesRequest.decode(Hex.buf(
                "12 00 00 00 01 04 01 00 00 00 01 04 01 00 00 00 01 00 00 00 00 00")));
    }

    @Test
    void shouldRejectNonZeroIndexOffsetAndTimestamp() {
        ByteBuf offset = batch(msg("a"), msg("b"));
        offset.setIntLE(INDEX + 16, 1);
        assertFailsWith(ErrorCode.NON_ZERO_OFFSET, () -> SendMessagesRequest.decode(offset));
        ByteBuf timestamp = batch(msg("a"), msg("b"));
        timestamp.setLongLE(INDEX + 16 + 8, 1);
        assertFailsWith(ErrorCode.NON_ZERO_TIMESTAMP, () -> SendMessagesRequest.decode(timestamp));
    }

    @Test
    void shouldRejectSlicesThatCannotHoldTheirMessage() {
        ByteBuf shortSlice = batch(msg("abc"), msg("d"));
        shortSlice.setIntLE(INDEX + 4, 66);
        assertFailsWith(ErrorCode.MISSING_INDEX, () -> SendMessagesRequest.decode(shortSlice));
        ByteBuf beyondArea = batch(msg("abc"), msg("d"));
        beyondArea.setIntLE(INDEX + 4, 1000);
        assertFailsWith(ErrorCode.MISSING_INDEX, () -> SendMessagesRequest.decode(beyondArea));
        ByteBuf lastTooLong = batch(msg("abc"));
        lastTooLong.setIntLE(messageAt(lastTooLong, 1, 0) + MessageLayout.PAYLOAD_LENGTH_OFFSET, 4);
        assertFailsWith(ErrorCode.MISSING_INDEX, () -> SendMessagesRequest.decode(lastTooLong));
        ByteBuf noHeader = batch(msg("abc"));
        assertFailsWith(ErrorCode.MISSING_INDEX,
                () -> SendMessagesRequest.decode(noHeader.slice(0, noHeader.readableBytes() - 10)));
    }

    @Test
    void shouldRejectOversizedPayloadAndHeaders() {
        ByteBuf payload = batch(MessageDraft.of(new byte[MessageLayout.MAX_PAYLOAD_BYTES + 1]));
        try {
            assertFailsWith(ErrorCode.TOO_BIG_MESSAGE_PAYLOAD, () -> SendMessagesRequest.decode(payload));
        } finally {
            payload.release();
        }
        ByteBuf headers = batch(new MessageDraft(0, 0, 0, new byte[MessageLayout.MAX_USER_HEADERS_BYTES + 1],
                new byte[1]));
        assertFailsWith(ErrorCode.TOO_BIG_USER_HEADERS, () -> SendMessagesRequest.decode(headers));
        ByteBuf maxHeaders = batch(new MessageDraft(0, 0, 0, new byte[MessageLayout.MAX_USER_HEADERS_BYTES],
                new byte[1]));
        assertEquals(1, SendMessagesRequest.decode(maxHeaders).messagesCount());
    }

    @Test
    void shouldRejectDecreasingMessageOffsets() {
        ByteBuf buf = batch(msg("a"), msg("b"));
        buf.setLongLE(messageAt(buf, 2, 0) + MessageLayout.OFFSET_OFFSET, 5);
        buf.setLongLE(messageAt(buf, 2, 65) + MessageLayout.OFFSET_OFFSET, 4);
        assertFailsWith(ErrorCode.INVALID_OFFSET, () -> SendMessagesRequest.decode(buf));
        ByteBuf equal = batch(msg("a"), msg("b"));
        equal.setLongLE(messageAt(equal, 2, 0) + MessageLayout.OFFSET_OFFSET, 5);
        equal.setLongLE(messageAt(equal, 2, 65) + MessageLayout.OFFSET_OFFSET, 5);
        assertEquals(2, SendMessagesRequest.decode(equal).messagesCount());
    }

    @Test
    void shouldRejectDecreasingIndexPositions() {
        ByteBuf buf = batch(msg("a"), msg("b"));
        buf.setIntLE(INDEX + 16 + 4, 10);
        assertFailsWith(ErrorCode.CANNOT_READ_INDEX_POSITION, () -> SendMessagesRequest.decode(buf));
    }

    @Test
    void shouldRejectBytesBeyondTheDeclaredSizes() {
        ByteBuf lastLonger = batch(msg("a"), msg("b"));
        lastLonger.writeByte(0);
        assertFailsWith(ErrorCode.INVALID_MESSAGES_SIZE, () -> SendMessagesRequest.decode(lastLonger));
        ByteBuf gap = batch(msg("abc"), msg("d"));
        gap.setIntLE(messageAt(gap, 2, 0) + MessageLayout.PAYLOAD_LENGTH_OFFSET, 2);
        assertFailsWith(ErrorCode.INVALID_MESSAGES_SIZE, () -> SendMessagesRequest.decode(gap));
    }

    @Test
    void shouldIgnoreTheLastIndexPositionWhenItIsNotDecreasing() {
        ByteBuf buf = batch(msg("a"), msg("b"));
        buf.setIntLE(INDEX + 16 + 4, 5000);
        assertEquals(130, SendMessagesRequest.decode(buf).messagesBytes());
    }
}
