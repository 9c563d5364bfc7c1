package org.iggyj.protocol.request;

import static org.iggyj.protocol.Codes.assertFailsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Permissions;
import org.iggyj.protocol.wire.PollingStrategy;
import org.iggyj.protocol.wire.StreamPermissions;
import org.iggyj.protocol.wire.TopicPermissions;
import org.iggyj.protocol.wire.WireReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestRoundTripTest {

    private static final Identifier S = Identifier.numeric(1);
    private static final Identifier T = Identifier.named("orders");
    private static final Identifier G = Identifier.numeric(0);

    private static <R> Arguments c(R value, BiConsumer<R, ByteBuf> encoder, Function<ByteBuf, R> decoder) {
        return Arguments.of(value.getClass().getSimpleName() + " " + value, value,
                (BiConsumer<Object, ByteBuf>) (v, b) -> encoder.accept(castTo(v), b), decoder);
    }

    @SuppressWarnings("unchecked")
    private static <R> R castTo(Object o) {
        return (R) o;
    }

    static Stream<Arguments> requests() {
        Permissions perms = new Permissions(true, false, false, false, false, false, false, false, false, true,
                new TreeMap<>(Map.of(3L, StreamPermissions.of(true, true, false, false, true, true)
                        .withTopics(Map.of(1L, new TopicPermissions(true, true, true, true))))));
        return Stream.of(
                c(new LoginUser("iggy", "secret", "v1", "ctx"), LoginUser::encode, LoginUser::decode),
                c(new CreateStream("s"), CreateStream::encode, CreateStream::decode),
                c(new UpdateStream(T, "renamed"), UpdateStream::encode, UpdateStream::decode),
                c(new StreamRef(S), StreamRef::encode, StreamRef::decode),
                c(new TopicRef(S, T), TopicRef::encode, TopicRef::decode),
                c(new CreateTopic(S, 3, CompressionAlgorithm.GZIP, -1, 0, 1, "t"),
                        CreateTopic::encode, CreateTopic::decode),
                c(new UpdateTopic(S, T, CompressionAlgorithm.NONE, 1000, 1L << 40, 0, "t2"),
                        UpdateTopic::encode, UpdateTopic::decode),
                c(new PartitionsChange(S, T, 1000), PartitionsChange::encode, PartitionsChange::decode),
                c(new PollMessages(Consumer.consumer(G), S, T, 0, PollingStrategy.first(), 10, false),
                        PollMessages::encode, PollMessages::decode),
                c(new PollMessages(Consumer.group(T), S, T, WireReader.NO_PARTITION, PollingStrategy.offset(9),
                        0xFFFF_FFFFL, true), PollMessages::encode, PollMessages::decode),
                c(new StoreConsumerOffset(Consumer.consumer(G), S, T, 2, 77), StoreConsumerOffset::encode,
                        StoreConsumerOffset::decode),
                c(new ConsumerOffsetRef(Consumer.group(G), S, T, WireReader.NO_PARTITION),
                        ConsumerOffsetRef::encode, ConsumerOffsetRef::decode),
                c(new GetClient(12345), GetClient::encode, GetClient::decode),
                c(new FlushUnsavedBuffer(S, T, 4, true), FlushUnsavedBuffer::encode, FlushUnsavedBuffer::decode),
                c(new DeleteSegments(S, T, 4, 2), DeleteSegments::encode, DeleteSegments::decode),
                c(new ConsumerGroupRef(S, T, Identifier.named("g")), ConsumerGroupRef::encode,
                        ConsumerGroupRef::decode),
                c(new CreateConsumerGroup(S, T, "group"), CreateConsumerGroup::encode, CreateConsumerGroup::decode),
                c(new CreatePersonalAccessToken("pat", -1), CreatePersonalAccessToken::encode,
                        CreatePersonalAccessToken::decode),
                c(new PatName("pat"), PatName::encode, PatName::decode),
                c(new LoginWithPersonalAccessToken("tok"), LoginWithPersonalAccessToken::encode,
                        LoginWithPersonalAccessToken::decode),
                c(new CreateUser("user", "pass", UserStatus.ACTIVE, perms), CreateUser::encode, CreateUser::decode),
                c(new CreateUser("user", "pass", UserStatus.INACTIVE, null), CreateUser::encode, CreateUser::decode),
                c(new UserRef(T), UserRef::encode, UserRef::decode),
                c(new UpdateUser(S, "newname", UserStatus.INACTIVE), UpdateUser::encode, UpdateUser::decode),
                c(new UpdateUser(S, null, 0), UpdateUser::encode, UpdateUser::decode),
                c(new UpdatePermissions(S, perms), UpdatePermissions::encode, UpdatePermissions::decode),
                c(new UpdatePermissions(S, null), UpdatePermissions::encode, UpdatePermissions::decode),
                c(new ChangePassword(S, "old", "new"), ChangePassword::encode, ChangePassword::decode),
                c(new GetSnapshot(2, new int[] {1, 3}), GetSnapshot::encode, GetSnapshot::decode));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void shouldRoundTripAndIgnoreTrailingBytes(String label, Object value, BiConsumer<Object, ByteBuf> encoder,
                                               Function<ByteBuf, Object> decoder) {
        ByteBuf buf = Unpooled.buffer();
        encoder.accept(value, buf);
        int length = buf.readableBytes();
        buf.writeBytes(new byte[] {9, 9, 9});
        assertEquals(value, decoder.apply(buf));
        assertEquals(3, buf.readableBytes(), "decoder must stop at the end of the payload of " + length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void shouldReportEveryTruncationAsInvalidCommand(String label, Object value,
                                                     BiConsumer<Object, ByteBuf> encoder,
                                                     Function<ByteBuf, Object> decoder) {
        ByteBuf buf = Unpooled.buffer();
        encoder.accept(value, buf);
        for (int cut = 0; cut < buf.readableBytes(); cut++) {
            ByteBuf prefix = buf.slice(0, cut);
            assertFailsWith(ErrorCode.INVALID_COMMAND, () -> decoder.apply(prefix));
        }
    }
}
