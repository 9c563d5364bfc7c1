package org.iggyj.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.request.PollMessages;
import org.iggyj.protocol.request.SendMessagesRequest;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code iggy message send|poll}. Send takes messages from the arguments, else from {@code --input-file},
 * else from standard input, one message per line. Poll prints each message's offset, id, timestamp,
 * headers and payload as a string, hex or raw bytes.
 */
@Command(name = "message", description = "Send and poll messages.", mixinStandardHelpOptions = true)
final class MessageCommand extends CliCommand {

    private static final int BATCH = 1000;

    /** How payloads are printed. */
    enum Format { string, hex, raw }

    @Command(name = "send", description = "Send messages (arguments, --input-file or stdin; one per line).")
    int send(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
             @Parameters(paramLabel = "MESSAGE", arity = "0..*") List<String> messages,
             @Option(names = "--partition-id", description = "Send to this partition") Long partitionId,
             @Option(names = "--message-key", description = "Partition by this key") String key,
             @Option(names = {"-H", "--header"}, paramLabel = "KEY:VALUE",
                     description = "A string user header on every message (repeatable)") List<String> headers,
             @Option(names = "--input-file", paramLabel = "PATH") Path file) throws IOException {
        Partitioning partitioning = partitionId != null ? Partitioning.partitionId(partitionId)
                : key != null ? Partitioning.messagesKey(key.getBytes(StandardCharsets.UTF_8)) : Partitioning.balanced();
        byte[] userHeaders = HeaderCodec.encode(headers);
        List<String> lines = messages != null && !messages.isEmpty() ? messages : readLines(file);
        if (lines.isEmpty()) {
            throw new CliException("no messages to send");
        }
        CliConnection c = connection();
        Identifier s = id(stream);
        Identifier t = id(topic);
        long sent = 0;
        Progress progress = cli.progress();
        for (int from = 0; from < lines.size(); from += BATCH) {
            List<MessageDraft> batch = new ArrayList<>();
            for (String line : lines.subList(from, Math.min(lines.size(), from + BATCH))) {
                batch.add(new MessageDraft(0, 0, 0, userHeaders, line.getBytes(StandardCharsets.UTF_8)));
            }
            c.request(CommandCode.SEND_MESSAGES, out -> SendMessagesRequest.encode(out, s, t, partitioning, batch));
            sent += batch.size();
            progress.update("sent " + sent + "/" + lines.size() + " (" + sent * 100 / lines.size() + "%)");
        }
        progress.clear();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sent);
        output().message("sent " + sent + " message(s) to " + stream + "/" + topic, result);
        return 0;
    }

    private List<String> readLines(Path file) throws IOException {
        if (file != null) {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    @Command(name = "poll", description = "Poll messages from a partition, or as a consumer-group member.")
    int poll(@Parameters(paramLabel = "STREAM") String stream, @Parameters(paramLabel = "TOPIC") String topic,
             @Option(names = "--partition-id", description = "Partition (omit with --group)") Long partitionId,
             @Option(names = "--consumer", defaultValue = "1", description = "Consumer id or name (default 1)")
             String consumer,
             @Option(names = "--group", description = "Poll as a member of this consumer group") String group,
             @Option(names = "--strategy", defaultValue = "first",
                     description = "first, last, next, offset:N or timestamp:MICROS") String strategy,
             @Option(names = {"-n", "--count"}, defaultValue = "10") long count,
             @Option(names = "--auto-commit") boolean autoCommit,
             @Option(names = {"-f", "--follow"}, description = "Keep polling for new messages until interrupted")
             boolean follow,
             @Option(names = "--interval-ms", defaultValue = "500") long intervalMs,
             @Option(names = "--format", defaultValue = "string", description = "${COMPLETION-CANDIDATES}")
             Format format) throws Exception {
        CliConnection c = connection();
        Identifier s = id(stream);
        Identifier t = id(topic);
        Consumer who;
        long partition;
        if (group != null) {
            c.request(CommandCode.JOIN_CONSUMER_GROUP, new ConsumerGroupRef(s, t, id(group))::encode);
            who = Consumer.group(id(group));
            partition = partitionId == null ? -1 : partitionId;
        } else {
            who = Consumer.consumer(id(consumer));
            partition = partitionId == null ? 0 : partitionId;
        }
        PollingStrategy next = parseStrategy(strategy);
        List<Map<String, Object>> all = new ArrayList<>();
        Progress progress = follow ? cli.progress() : null;
        long received = 0;
        do {
            PollMessages poll = new PollMessages(who, s, t, partition, next, count, autoCommit);
            List<Map<String, Object>> polled = decode(c.request(CommandCode.POLL_MESSAGES, poll::encode), format);
            if (progress != null && !polled.isEmpty()) {
                progress.clear();
            }
            print(polled, format, all);
            if (follow) {
                received += polled.size();
                progress.update("received " + received + " message(s), following " + stream + "/" + topic
                        + " (Ctrl-C to stop)");
                if (!polled.isEmpty()) {
                    long last = (long) polled.get(polled.size() - 1).get("offset");
                    next = group != null ? PollingStrategy.next() : PollingStrategy.offset(last + 1);
                } else {
                    Thread.sleep(intervalMs);
                }
            }
        } while (follow && !Thread.currentThread().isInterrupted());
        if (output().json()) {
            cli.out().println(Output.write(all));
        }
        return 0;
    }

    private void print(List<Map<String, Object>> polled, Format format, List<Map<String, Object>> all) {
        if (output().json()) {
            all.addAll(polled);
            return;
        }
        for (Map<String, Object> m : polled) {
            if (format == Format.raw) {
                cli.out().println(m.get("payload"));
            } else {
                cli.out().println("offset " + m.get("offset") + "  id " + m.get("id") + "  timestamp "
                        + m.get("timestamp") + (((Map<?, ?>) m.get("headers")).isEmpty() ? "" : "  headers "
                        + m.get("headers")) + "  " + m.get("payload"));
            }
        }
    }

    static PollingStrategy parseStrategy(String text) {
        String[] parts = text.split(":", 2);
        try {
            return switch (parts[0]) {
                case "first" -> PollingStrategy.first();
                case "last" -> PollingStrategy.last();
                case "next" -> PollingStrategy.next();
                case "offset" -> PollingStrategy.offset(Long.parseLong(parts[1]));
                case "timestamp" -> PollingStrategy.timestamp(Long.parseLong(parts[1]));
                default -> throw new CliException("unknown strategy '" + text
                        + "'; use first, last, next, offset:N or timestamp:MICROS");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new CliException("strategy '" + text + "' needs a number, e.g. offset:0");
        }
    }

    /** Reply: partition u32, current offset u64, count u32, then messages (64-byte header, payload, headers). */
    static List<Map<String, Object>> decode(byte[] reply, Format format) {
        ByteBuf buf = Unpooled.wrappedBuffer(reply);
        buf.skipBytes(12);
        long count = buf.readUnsignedIntLE();
        List<Map<String, Object>> messages = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            buf.skipBytes(8);
            long idLow = buf.readLongLE();
            long idHigh = buf.readLongLE();
            long offset = buf.readLongLE();
            long timestamp = buf.readLongLE();
            buf.skipBytes(8);
            int headersLength = buf.readIntLE();
            int payloadLength = buf.readIntLE();
            buf.skipBytes(8);
            byte[] payload = new byte[payloadLength];
            buf.readBytes(payload);
            byte[] headers = new byte[headersLength];
            buf.readBytes(headers);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("offset", offset);
            m.put("id", new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(idHigh).putLong(idLow)
                    .array()).toString());
            m.put("timestamp", timestamp);
            m.put("headers", HeaderCodec.decode(headers));
            m.put("payload", format == Format.hex ? HexFormat.of().formatHex(payload)
                    : new String(payload, StandardCharsets.UTF_8));
            messages.add(m);
        }
        return messages;
    }
}
