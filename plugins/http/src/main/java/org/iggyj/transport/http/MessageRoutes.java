package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.ConsumerOffsetRef;
import org.iggyj.protocol.request.FlushUnsavedBuffer;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.protocol.request.PollMessages;
import org.iggyj.protocol.request.SendMessagesRequest;
import org.iggyj.protocol.request.StoreConsumerOffset;
import org.iggyj.protocol.response.PolledMessagesReader;
import org.iggyj.protocol.wire.Consumer;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.protocol.wire.Partitioning;
import org.iggyj.protocol.wire.PollingStrategy;

/**
 * Messages (send, poll, flush) and consumer offsets (http-api.md §6.5, §6.9), always as a regular
 * consumer. Payloads, keys and header values are standard base64. Stateless.
 */
final class MessageRoutes {

    private static final String T = "/streams/{}/topics/{}";
    private static final Set<String> SEND_FIELDS = Set.of("partitioning", "messages");

    private MessageRoutes() {
    }

    static void register(Router r) {
        r.post(T + "/messages", MessageRoutes::send)
                .get(T + "/messages", MessageRoutes::poll)
                .get(T + "/messages/flush/{}/{}", c -> {
                    String fsync = c.param(3);
                    if (!fsync.equals("true") && !fsync.equals("false")) {
                        throw new HttpProblem(400, "Invalid fsync value: " + fsync);
                    }
                    c.run(CommandCode.FLUSH_UNSAVED_BUFFER, new FlushUnsavedBuffer(c.id(0), c.id(1), c.u32(2),
                            fsync.equals("true"))::encode);
                    return Response.empty(200);
                })
                .get(T + "/consumer-offsets", MessageRoutes::getOffset)
                .put(T + "/consumer-offsets", MessageRoutes::storeOffset)
                .delete(T + "/consumer-offsets/{}", c -> StreamRoutes.empty(c, CommandCode.DELETE_CONSUMER_OFFSET,
                        new ConsumerOffsetRef(Consumer.consumer(c.id(2)), c.id(0), c.id(1),
                                queryU32(c, "partition_id", 0))::encode));
    }

    private static long queryU32(Call c, String name, long defaultValue) {
        String v = c.query(name);
        return v == null ? defaultValue : Identifiers.u32(v, name);
    }

    private static Consumer consumer(Call c) {
        String v = c.query("consumer_id");
        return Consumer.consumer(Identifiers.parse(v == null ? "1" : v));
    }

    /**
     * Iggy 0.8 reads regular consumers' offsets only; {@code consumer_kind=consumer_group} (an iggyj
     * extension, docs/deviations.md) reads a consumer group's, so HTTP clients such as the web console
     * can show a group's lag.
     */
    private static Response getOffset(Call c) {
        String kind = c.query("consumer_kind");
        Consumer consumer = consumer(c);
        if ("consumer_group".equals(kind)) {
            consumer = Consumer.group(consumer.id());
        } else if (kind != null && !kind.equals("consumer")) {
            throw new HttpProblem(400, "Invalid consumer_kind: " + kind);
        }
        ConsumerOffsetRef request = new ConsumerOffsetRef(consumer, c.id(0), c.id(1), queryU32(c, "partition_id", 0));
        try {
            return c.dispatch(CommandCode.GET_CONSUMER_OFFSET, request::encode, b -> {
                if (!b.isReadable()) {
                    return ErrorBody.notFound();
                }
                ObjectNode n = JsonViews.object();
                n.put("partition_id", b.readUnsignedIntLE());
                n.put("current_offset", b.readLongLE());
                n.put("stored_offset", b.readLongLE());
                return Response.ok(n);
            });
        } catch (IggyException e) {
            if (e.errorCode().code() == 3007 || e.errorCode().code() == 3021) {
                return ErrorBody.notFound();
            }
            throw e;
        }
    }

    private static Response storeOffset(Call c) {
        JsonNode body = c.json();
        JsonNode id = body.get("consumer_id");
        Identifier consumerId = id == null || id.isNull() ? Identifier.numeric(1) : Identifiers.parse(id.asText());
        JsonNode partition = body.get("partition_id");
        long partitionId = partition == null || partition.isNull() ? 0 : Json.u32(body, "partition_id");
        StoreConsumerOffset request = new StoreConsumerOffset(Consumer.consumer(consumerId), c.id(0), c.id(1),
                partitionId, Json.u64(body, "offset"));
        return StreamRoutes.empty(c, CommandCode.STORE_CONSUMER_OFFSET, request::encode);
    }

    private static Response poll(Call c) {
        String kind = c.query("kind");
        long value = c.query("value") == null ? 0 : Identifiers.u64(c.query("value"), "value");
        PollingStrategy strategy = switch (kind == null ? "offset" : kind) {
            case "offset", "o" -> PollingStrategy.offset(value);
            case "timestamp", "t" -> PollingStrategy.timestamp(value);
            case "first", "f" -> PollingStrategy.first();
            case "last", "l" -> PollingStrategy.last();
            case "next", "n" -> PollingStrategy.next();
            default -> throw new HttpProblem(400, "Invalid polling kind: " + kind);
        };
        String autoCommit = c.query("auto_commit");
        if (autoCommit != null && !autoCommit.equals("true") && !autoCommit.equals("false")) {
            throw new HttpProblem(400, "Invalid auto_commit value: " + autoCommit);
        }
        PollMessages request = new PollMessages(consumer(c), c.id(0), c.id(1), queryU32(c, "partition_id", 0),
                strategy, queryU32(c, "count", 10), "true".equals(autoCommit));
        PolledMessagesReader.PolledMessages polled = c.dispatch(CommandCode.POLL_MESSAGES, request::encode,
                PolledMessagesReader::read);
        ObjectNode n = JsonViews.object();
        boolean none = polled.messages().isEmpty();
        n.put("partition_id", none ? 0 : polled.partitionId());
        n.put("current_offset", none ? 0 : polled.currentOffset());
        n.put("count", polled.messages().size());
        ArrayNode messages = n.putArray("messages");
        Base64.Encoder b64 = Base64.getEncoder();
        for (PolledMessagesReader.Message m : polled.messages()) {
            ObjectNode mn = messages.addObject();
            ObjectNode h = mn.putObject("header");
            JsonViews.u64(h, "checksum", m.checksum());
            h.put("id", new BigInteger(1, u128(m.idLow(), m.idHigh())));
            h.put("offset", m.offset());
            h.put("timestamp", m.timestampUs());
            h.put("origin_timestamp", m.originTimestamp());
            h.put("user_headers_length", m.userHeaders().length);
            h.put("payload_length", m.payload().length);
            JsonViews.u64(h, "reserved", m.reserved());
            mn.put("payload", b64.encodeToString(m.payload()));
            mn.set("user_headers", UserHeaders.toJson(m.userHeaders()));
        }
        return Response.ok(n);
    }

    private static byte[] u128(long low, long high) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[7 - i] = (byte) (high >>> (8 * i));
            b[15 - i] = (byte) (low >>> (8 * i));
        }
        return b;
    }

    private static Response send(Call c) {
        JsonNode body = c.json();
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!SEND_FIELDS.contains(name)) {
                throw new HttpProblem(422, "unknown field `" + name + "`, expected `partitioning` or `messages`");
            }
        }
        Partitioning partitioning = partitioning(Json.required(body, "partitioning"));
        JsonNode list = Json.required(body, "messages");
        if (!list.isArray()) {
            throw Json.shape("messages");
        }
        if (list.isEmpty()) {
            throw new IggyException(ErrorCode.forCode(4009), "no messages");
        }
        long now = System.currentTimeMillis() * 1000;
        List<MessageDraft> drafts = new ArrayList<>(list.size());
        for (JsonNode m : list) {
            byte[] payload = base64(Json.required(m, "payload"), "payload");
            if (payload.length == 0) {
                throw Json.shape("payload");
            }
            long[] id = messageId(m);
            drafts.add(new MessageDraft(id[0], id[1], now, UserHeaders.fromJson(m.get("user_headers")), payload));
        }
        Identifier stream = c.id(0);
        Identifier topic = c.id(1);
        c.run(CommandCode.SEND_MESSAGES, out -> SendMessagesRequest.encode(out, stream, topic, partitioning, drafts));
        return Response.empty(201);
    }

    /** Top-level {@code id}, else the Java SDK's {@code header.id} (http-api.md §10); 0 = server assigns. */
    private static long[] messageId(JsonNode m) {
        JsonNode id = m.get("id");
        if ((id == null || id.isNull()) && m.has("header") && m.get("header").isObject()) {
            id = m.get("header").get("id");
        }
        if (id == null || id.isNull()) {
            return new long[] {0, 0};
        }
        BigInteger value;
        try {
            if (id.isIntegralNumber()) {
                value = id.bigIntegerValue();
            } else if (id.isTextual() && id.asText().matches("[0-9]+")) {
                value = new BigInteger(id.asText());
            } else if (id.isTextual()) {
                value = new BigInteger(id.asText().replace("-", ""), 16);
            } else {
                throw Json.shape("id");
            }
        } catch (NumberFormatException e) {
            throw Json.shape("id");
        }
        if (value.signum() < 0 || value.bitLength() > 128) {
            throw Json.shape("id");
        }
        return new long[] {value.longValue(), value.shiftRight(64).longValue()};
    }

    private static Partitioning partitioning(JsonNode p) {
        String kind = Json.text(p, "kind");
        byte[] value = base64(Json.required(p, "value"), "value");
        return switch (kind) {
            case "balanced" -> Partitioning.balanced();
            case "partition_id" -> {
                if (value.length != 4) {
                    throw new IggyException(ErrorCode.forCode(4028), "partition id must be 4 bytes");
                }
                yield Partitioning.partitionId(java.nio.ByteBuffer.wrap(value)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL);
            }
            case "messages_key" -> {
                if (value.length == 0 || value.length > 255) {
                    throw new IggyException(ErrorCode.forCode(4028), "key length");
                }
                yield Partitioning.messagesKey(value);
            }
            default -> throw Json.shape("kind");
        };
    }

    static byte[] base64(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw Json.shape(field);
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw Json.shape(field);
        }
    }
}
