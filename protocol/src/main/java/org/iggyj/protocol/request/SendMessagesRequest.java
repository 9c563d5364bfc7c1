package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.WireReader;

/**
 * A validated, zero-copy view (flyweight) of a send_messages (101) payload.
 *
 * <pre>
 * metadata_length u32          size of the next four items
 * stream_id       Identifier   malformed: 6
 * topic_id        Identifier   malformed: 6
 * partitioning    Partitioning malformed: 3
 * messages_count  u32          (extra metadata bytes after it are ignored)
 * index table     messages_count x 16: offset u32 (0), position u32 (cumulative end), timestamp u64 (0)
 * messages        messages_count frames of {@link MessageLayout}, back to back
 * </pre>
 *
 * <p>{@link #decode} checks, in this order: truncation of metadata or index table (3); then the batch as the
 * 0.8 server does: no messages (4009); every index offset (4031) and timestamp (4032) zero; then for each
 * message i, occupying {@code [position(i-1), position(i))} (the first starts at 0, the last extends to the
 * end of the messages area): its slice must lie in the area and hold its declared size (4033); payload at
 * most {@link MessageLayout#MAX_PAYLOAD_BYTES} (4022); user headers at most
 * {@link MessageLayout#MAX_USER_HEADERS_BYTES} (4017); header offsets non-decreasing (4100); index positions
 * non-decreasing (10011); finally the declared sizes must add up to the area (4036). After that, message i
 * starts exactly at {@link #messageStart(int)} and has exactly its declared size.
 *
 * <p>Design note: nothing is copied and nothing is allocated per message. The view does not retain the
 * payload: it stays valid as long as the caller keeps the payload buffer alive, and writes through
 * {@link #messages()} (offsets, timestamps, ids, checksums) land in that buffer. Not thread-safe; use it on
 * the thread that owns the payload.
 */
public final class SendMessagesRequest {

    private final Identifier streamId;
    private final Identifier topicId;
    private final Partitioning partitioning;
    private final int messagesCount;
    private final ByteBuf index;
    private final ByteBuf messages;

    private SendMessagesRequest(Identifier streamId, Identifier topicId, Partitioning partitioning,
                                ByteBuf index, ByteBuf messages) {
        this.streamId = streamId;
        this.topicId = topicId;
        this.partitioning = partitioning;
        this.messagesCount = index.readableBytes() / MessageLayout.INDEX_ENTRY_LENGTH;
        this.index = index;
        this.messages = messages;
    }

    /**
     * Decodes and validates a payload, consuming it to its end (trailing bytes belong to the last message).
     *
     * @param payload the send_messages payload from the reader index; the caller keeps ownership
     * @return the view
     * @throws IggyException with 3, 6, 4009, 4031, 4032, 4033, 4022, 4017, 4100, 10011 or 4036 as above
     */
    public static SendMessagesRequest decode(ByteBuf payload) {
        long metadataLength = WireReader.u32(payload);
        WireReader.require(payload, metadataLength, "send metadata");
        ByteBuf metadata = payload.readSlice((int) metadataLength);
        Identifier streamId = Identifier.readInSendMetadata(metadata);
        Identifier topicId = Identifier.readInSendMetadata(metadata);
        Partitioning partitioning = Partitioning.read(metadata);
        long count = WireReader.u32(metadata);
        long indexBytes = count * MessageLayout.INDEX_ENTRY_LENGTH;
        WireReader.require(payload, indexBytes, "send index table");
        ByteBuf index = payload.readSlice((int) indexBytes);
        ByteBuf messages = payload.readSlice(payload.readableBytes());
        SendMessagesRequest request = new SendMessagesRequest(streamId, topicId, partitioning, index, messages);
        request.validate();
        return request;
    }

    /**
     * Writes a send_messages payload; see {@link BatchEncoder#encode}.
     */
    public static void encode(ByteBuf out, Identifier stream, Identifier topic, Partitioning partitioning,
                              List<MessageDraft> messages) {
        BatchEncoder.encode(out, stream, topic, partitioning, messages);
    }

    /** @return the target stream */
    public Identifier streamId() {
        return streamId;
    }

    /** @return the target topic */
    public Identifier topicId() {
        return topicId;
    }

    /** @return the partition choice */
    public Partitioning partitioning() {
        return partitioning;
    }

    /** @return messages in the batch, at least 1 */
    public int messagesCount() {
        return messagesCount;
    }

    /**
     * @return a slice (not retained, not copied) of the messages area: the frames back to back, index 0 at
     *         the first message
     */
    public ByteBuf messages() {
        return messages;
    }

    /** @return size of the messages area, equal to the sum of the message sizes */
    public int messagesBytes() {
        return messages.readableBytes();
    }

    /**
     * @param i message number, 0-based
     * @return where message i starts within {@link #messages()}
     */
    public int messageStart(int i) {
        return i == 0 ? 0 : position(i - 1);
    }

    /**
     * @param i message number, 0-based
     * @return size of message i (header + payload + user headers)
     */
    public int messageSize(int i) {
        return (int) MessageLayout.messageSize(messages, messages.readerIndex() + messageStart(i));
    }

    private int position(int i) {
        return index.getIntLE(index.readerIndex() + i * MessageLayout.INDEX_ENTRY_LENGTH
                + MessageLayout.INDEX_POSITION_OFFSET);
    }

    private void validate() {
        if (messagesCount == 0) {
            throw fail(ErrorCode.INVALID_MESSAGES_COUNT, "no messages");
        }
        int base = index.readerIndex();
        for (int i = 0; i < messagesCount; i++) {
            int entry = base + i * MessageLayout.INDEX_ENTRY_LENGTH;
            if (index.getIntLE(entry + MessageLayout.INDEX_OFFSET_OFFSET) != 0) {
                throw fail(ErrorCode.NON_ZERO_OFFSET, "index offset not zero");
            }
            if (index.getLongLE(entry + MessageLayout.INDEX_TIMESTAMP_OFFSET) != 0) {
                throw fail(ErrorCode.NON_ZERO_TIMESTAMP, "index timestamp not zero");
            }
        }
        long area = messages.readableBytes();
        long declaredTotal = 0;
        long previousOffset = 0;
        for (int i = 0; i < messagesCount; i++) {
            long sliceStart = i == 0 ? 0 : Integer.toUnsignedLong(position(i - 1));
            long sliceEnd = i == messagesCount - 1 ? area : Integer.toUnsignedLong(position(i));
            if (sliceEnd > area || sliceEnd - sliceStart < MessageLayout.HEADER_LENGTH) {
                throw fail(ErrorCode.MISSING_INDEX, "message " + i + " slice cannot hold a header");
            }
            int at = messages.readerIndex() + (int) sliceStart;
            long payloadLength = MessageLayout.payloadLength(messages, at);
            long headersLength = MessageLayout.userHeadersLength(messages, at);
            long size = MessageLayout.HEADER_LENGTH + payloadLength + headersLength;
            if (size > sliceEnd - sliceStart) {
                throw fail(ErrorCode.MISSING_INDEX, "message " + i + " larger than its slice");
            }
            if (payloadLength > MessageLayout.MAX_PAYLOAD_BYTES) {
                throw fail(ErrorCode.TOO_BIG_MESSAGE_PAYLOAD, "payload of " + payloadLength + " bytes");
            }
            if (headersLength > MessageLayout.MAX_USER_HEADERS_BYTES) {
                throw fail(ErrorCode.TOO_BIG_USER_HEADERS, "user headers of " + headersLength + " bytes");
            }
            long offset = MessageLayout.offset(messages, at);
            if (Long.compareUnsigned(offset, previousOffset) < 0) {
                throw fail(ErrorCode.INVALID_OFFSET, "message offsets decrease at " + i);
            }
            previousOffset = offset;
            if (i > 0 && Integer.compareUnsigned(position(i), position(i - 1)) < 0) {
                throw fail(ErrorCode.CANNOT_READ_INDEX_POSITION, "index positions decrease at " + i);
            }
            declaredTotal += size;
        }
        if (declaredTotal != area) {
            throw fail(ErrorCode.INVALID_MESSAGES_SIZE, "messages declare " + declaredTotal + " of " + area + " bytes");
        }
    }

    private static IggyException fail(ErrorCode code, String message) {
        return new IggyException(code, message);
    }

    @Override
    public String toString() {
        return "SendMessagesRequest[stream=" + streamId + ", topic=" + topicId + ", " + partitioning
                + ", messages=" + messagesCount + ", bytes=" + messagesBytes() + "]";
    }
}
