package org.iggyj.protocol.request;

import static org.iggyj.protocol.Codes.assertFailsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.Frames;
import org.iggyj.protocol.Hex;
import org.iggyj.protocol.wire.ConsumerKind;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.PollingKind;
import org.junit.jupiter.api.Test;

class RequestDecodeTest {

    @Test
    void shouldProduceTheSpecLoginFrame() {
        ByteBuf payload = Unpooled.buffer();
        new LoginUser("iggy", "iggy", "", "").encode(payload);
        ByteBuf frame = Unpooled.buffer();
        Frames.writeRequestHeader(frame, CommandCode.LOGIN_USER, payload.readableBytes());
        frame.writeBytes(payload);
        assertEquals(Hex.norm("16 00 00 00 26 00 00 00 04 69 67 67 79 04 69 67 67 79 00 00 00 00 00 00 00 00"),
                Hex.of(frame));
    }

    @Test
    void shouldDecodeTheSpecLoginPayload() {
        LoginUser login = LoginUser.decode(Hex.buf("04 69 67 67 79 04 69 67 67 79 00 00 00 00 00 00 00 00"));
        assertEquals(new LoginUser("iggy", "iggy", "", ""), login);
        assertFalse(login.toString().contains("password"));
    }

    @Test
    void shouldRejectLoginWithoutVersionFields() {
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> LoginUser.decode(Hex.buf("04 69 67 67 79 04 69 67 67 79")));
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> LoginUser.decode(Hex.buf("00 04 69 67 67 79")));
    }

    @Test
    void shouldDecodeTheSpecPollPayload() {
        PollMessages poll = PollMessages.decode(Hex.buf("01 01 04 00 00 00 00 01 04 01 00 00 00 01 04 01 00 00 00"
                + " 01 00 00 00 00 03 00 00 00 00 00 00 00 00 0a 00 00 00 00"));
        assertEquals(ConsumerKind.CONSUMER, poll.consumer().kind());
        assertEquals(Identifier.numeric(0), poll.consumer().id());
        assertEquals(Identifier.numeric(1), poll.streamId());
        assertTrue(poll.hasPartition());
        assertEquals(0, poll.partitionId());
        assertEquals(PollingKind.FIRST, poll.strategy().kind());
        assertEquals(10, poll.count());
        assertFalse(poll.autoCommit());
    }

    @Test
    void shouldRejectStructuralErrorsWithInvalidFormat() {
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> CreateStream.decode(Hex.buf("00")));
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> StreamRef.decode(Hex.buf("01 02 01 00")));
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> StreamRef.decode(Hex.buf("02 00")));
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> UpdateStream.decode(Hex.buf("01 04 01 00 00 00 00")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> StreamRef.decode(Hex.buf("05 04 01 00 00 00")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> CreateStream.decode(Hex.buf("01 80")));
    }

    @Test
    void shouldRejectUnknownEnumBytesWithInvalidCommand() {
        ByteBuf topic = Unpooled.buffer();
        new CreateTopic(Identifier.numeric(1), 1, CompressionAlgorithm.NONE, 0, 0, 0, "t").encode(topic);
        topic.setByte(6 + 4, 3);
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> CreateTopic.decode(topic));
        ByteBuf user = Unpooled.buffer();
        new CreateUser("user", "pass", UserStatus.ACTIVE, null).encode(user);
        user.setByte(5 + 5, 9);
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> CreateUser.decode(user));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> GetSnapshot.decode(Hex.buf("01 02 64 01")));
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> GetSnapshot.decode(Hex.buf("07 01 01")));
    }

    @Test
    void shouldCheckEmbeddedPermissionsLength() {
        ByteBuf user = Unpooled.buffer();
        new CreateUser("user", "pass", UserStatus.ACTIVE, org.iggyj.protocol.wire.Permissions.all()).encode(user);
        int lengthAt = 5 + 5 + 1 + 1;
        assertEquals(11, user.getIntLE(lengthAt));
        user.setIntLE(lengthAt, 10);
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> CreateUser.decode(user.duplicate()));
        user.setIntLE(lengthAt, 12);
        assertFailsWith(ErrorCode.INVALID_COMMAND, () -> CreateUser.decode(user.duplicate()));
        user.writeByte(0);
        assertFailsWith(ErrorCode.INVALID_FORMAT, () -> CreateUser.decode(user.duplicate()));
    }

    @Test
    void shouldTreatFlagsOtherThanOneAsAbsent() {
        CreateUser user = CreateUser.decode(Hex.buf("04 75 73 65 72 04 70 61 73 73 01 02"));
        assertNull(user.permissions());
        UpdateUser update = UpdateUser.decode(Hex.buf("01 04 01 00 00 00 00 00"));
        assertNull(update.username());
        assertEquals(0, update.status());
    }
}
