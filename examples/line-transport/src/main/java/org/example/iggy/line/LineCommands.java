package org.example.iggy.line;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.request.CreateStream;
import org.iggyj.protocol.request.CreateTopic;
import org.iggyj.protocol.request.LoginUser;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.request.PollMessages;
import org.iggyj.protocol.request.SendMessagesRequest;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;

/**
 * The text commands, each turned into an Iggy binary request for the kernel's dispatcher, and the
 * binary reply turned back into one line. Replies are {@code OK …} or {@code ERR <code> <label>}.
 *
 * <pre>
 * PING                                     OK PONG
 * LOGIN user password                      OK &lt;user id&gt;
 * STREAMS                                  OK &lt;id&gt;:&lt;name&gt; …
 * CREATE_STREAM name                       OK &lt;stream id&gt;
 * CREATE_TOPIC stream name partitions      OK &lt;topic id&gt;
 * SEND stream topic text…                  OK
 * POLL stream topic partition offset count OK &lt;n&gt; &lt;offset&gt;=&lt;text&gt; …
 * </pre>
 *
 * Streams and topics are given by numeric id or by name. One instance per command.
 */
final class LineCommands {

    private final CommandDispatcher dispatcher;
    private final Session session;
    private final ByteBufAllocator alloc;

    LineCommands(CommandDispatcher dispatcher, Session session, ByteBufAllocator alloc) {
        this.dispatcher = dispatcher;
        this.session = session;
        this.alloc = alloc;
    }

    CompletionStage<String> run(String line) {
        String[] words = line.split(" ");
        try {
            return switch (words[0].toUpperCase()) {
                case "PING" -> call(CommandCode.PING, out -> { }, reply -> "OK PONG");
                case "LOGIN" -> call(CommandCode.LOGIN_USER, new LoginUser(words[1], words[2], "", "")::encode,
                        reply -> "OK " + reply.readUnsignedIntLE());
                case "STREAMS" -> call(CommandCode.GET_STREAMS, out -> { }, LineCommands::streams);
                case "CREATE_STREAM" -> call(CommandCode.CREATE_STREAM, new CreateStream(words[1])::encode,
                        reply -> "OK " + reply.readUnsignedIntLE());
                case "CREATE_TOPIC" -> call(CommandCode.CREATE_TOPIC, new CreateTopic(id(words[1]),
                        Long.parseLong(words[3]), 1, 0, 0, 0, words[2])::encode,
                        reply -> "OK " + reply.readUnsignedIntLE());
                case "SEND" -> send(words, line);
                case "POLL" -> call(CommandCode.POLL_MESSAGES, new PollMessages(
                        org.iggyj.protocol.wire.Consumer.consumer(Identifier.numeric(1)), id(words[1]), id(words[2]),
                        Long.parseLong(words[3]), PollingStrategy.offset(Long.parseLong(words[4])),
                        Long.parseLong(words[5]), false)::encode, LineCommands::messages);
                default -> CompletableFuture.completedFuture("ERR 3 unknown command " + words[0]);
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return CompletableFuture.completedFuture("ERR 3 invalid_command");
        }
    }

    private CompletionStage<String> send(String[] words, String line) {
        // The text is everything after "SEND stream topic ", spaces included.
        int start = line.indexOf(words[2], line.indexOf(words[1]) + words[1].length()) + words[2].length() + 1;
        byte[] text = line.substring(Math.min(start, line.length())).getBytes(StandardCharsets.UTF_8);
        List<MessageDraft> messages = List.of(MessageDraft.of(text));
        return call(CommandCode.SEND_MESSAGES, out -> SendMessagesRequest.encode(out, id(words[1]), id(words[2]),
                Partitioning.balanced(), messages), reply -> "OK");
    }

    private CompletionStage<String> call(int code, Consumer<ByteBuf> request, Function<ByteBuf, String> onOk) {
        ByteBuf payload = alloc.buffer();
        request.accept(payload);
        // The dispatcher owns the payload from here on; we own the reply's payload.
        return dispatcher.dispatch(session, code, payload).thenApply(reply -> {
            try {
                return reply.isOk() ? onOk.apply(reply.payload()) : error(reply);
            } finally {
                reply.payload().release();
            }
        });
    }

    private static String error(Reply reply) {
        return "ERR " + reply.status() + " " + ErrorCode.forCode(reply.status()).label();
    }

    private static String streams(ByteBuf buf) {
        StringBuilder sb = new StringBuilder("OK");
        while (buf.isReadable()) {
            long id = buf.readUnsignedIntLE();
            buf.skipBytes(8 + 4 + 8 + 8);
            int nameLength = buf.readUnsignedByte();
            sb.append(' ').append(id).append(':').append(buf.readCharSequence(nameLength, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** Poll reply: partition u32, current offset u64, count u32, then messages (64-byte header, payload, headers). */
    private static String messages(ByteBuf buf) {
        buf.skipBytes(12);
        long count = buf.readUnsignedIntLE();
        StringBuilder sb = new StringBuilder("OK ").append(count);
        for (long i = 0; i < count; i++) {
            int start = buf.readerIndex();
            long offset = buf.getLongLE(start + 24);
            int headersLength = buf.getIntLE(start + 48);
            int payloadLength = buf.getIntLE(start + 52);
            sb.append(' ').append(offset).append('=')
                    .append(buf.toString(start + 64, payloadLength, StandardCharsets.UTF_8));
            buf.readerIndex(start + 64 + payloadLength + headersLength);
        }
        return sb.toString();
    }

    private static Identifier id(String text) {
        return text.chars().allMatch(Character::isDigit) ? Identifier.numeric(Long.parseLong(text))
                : Identifier.named(text);
    }
}
