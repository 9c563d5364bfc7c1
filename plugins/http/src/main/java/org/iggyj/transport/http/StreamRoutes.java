package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.ConsumerGroupRef;
import org.iggyj.protocol.request.CreateConsumerGroup;
import org.iggyj.protocol.request.CreateStream;
import org.iggyj.protocol.request.CreateTopic;
import org.iggyj.protocol.request.DeleteSegments;
import org.iggyj.protocol.request.PartitionsChange;
import org.iggyj.protocol.request.StreamRef;
import org.iggyj.protocol.request.TopicRef;
import org.iggyj.protocol.request.UpdateStream;
import org.iggyj.protocol.request.UpdateTopic;
import org.iggyj.protocol.response.ConsumerGroupReader;
import org.iggyj.protocol.response.StreamReader;
import org.iggyj.protocol.response.TopicReader;

/**
 * Streams, topics, partitions, segments and consumer groups (http-api.md §5, §6.1–§6.4). Stateless.
 */
final class StreamRoutes {

    private static final String S = "/streams/{}";
    private static final String T = S + "/topics/{}";
    private static final Set<Integer> MISSING = Set.of(1009, 2010);

    private StreamRoutes() {
    }

    static void register(Router r) {
        r.get("/streams", c -> Response.ok(JsonViews.list(c.dispatch(CommandCode.GET_STREAMS, b -> { },
                        StreamReader::streams).stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList(),
                        JsonViews::stream)))
                .post("/streams", StreamRoutes::createStream)
                .get(S, c -> found(c, CommandCode.GET_STREAM, new StreamRef(c.id(0))::encode,
                        b -> Response.ok(JsonViews.streamDetails(StreamReader.details(b)))))
                .put(S, c -> empty(c, CommandCode.UPDATE_STREAM,
                        new UpdateStream(c.id(0), Json.text(c.json(), "name"))::encode))
                .delete(S, c -> empty(c, CommandCode.DELETE_STREAM, new StreamRef(c.id(0))::encode))
                .delete(S + "/purge", c -> empty(c, CommandCode.PURGE_STREAM, new StreamRef(c.id(0))::encode))
                .get(S + "/topics", c -> Response.ok(JsonViews.list(c.dispatch(CommandCode.GET_TOPICS,
                        new StreamRef(c.id(0))::encode, TopicReader::topics).stream()
                        .sorted((a, b) -> Long.compare(a.id(), b.id())).toList(), JsonViews::topic)))
                .post(S + "/topics", StreamRoutes::createTopic)
                .get(T, c -> found(c, CommandCode.GET_TOPIC, new TopicRef(c.id(0), c.id(1))::encode,
                        b -> Response.ok(JsonViews.topicDetails(TopicReader.details(b)))))
                .put(T, StreamRoutes::updateTopic)
                .delete(T, c -> empty(c, CommandCode.DELETE_TOPIC, new TopicRef(c.id(0), c.id(1))::encode))
                .delete(T + "/purge", c -> empty(c, CommandCode.PURGE_TOPIC, new TopicRef(c.id(0), c.id(1))::encode))
                .post(T + "/partitions", c -> {
                    c.run(CommandCode.CREATE_PARTITIONS, new PartitionsChange(c.id(0), c.id(1),
                            Json.u32(c.json(), "partitions_count"))::encode);
                    return Response.empty(201);
                })
                .delete(T + "/partitions", c -> empty(c, CommandCode.DELETE_PARTITIONS,
                        new PartitionsChange(c.id(0), c.id(1), requiredQuery(c, "partitions_count"))::encode))
                .delete(T + "/partitions/{}", c -> empty(c, CommandCode.DELETE_SEGMENTS, new DeleteSegments(
                        c.id(0), c.id(1), c.u32(2), requiredQuery(c, "segments_count"))::encode))
                .get(T + "/consumer-groups", c -> Response.ok(JsonViews.list(c.dispatch(
                        CommandCode.GET_CONSUMER_GROUPS, new TopicRef(c.id(0), c.id(1))::encode,
                        ConsumerGroupReader::groups).stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList(),
                        JsonViews::group)))
                .post(T + "/consumer-groups", c -> Response.json(201, JsonViews.groupDetails(c.dispatch(
                        CommandCode.CREATE_CONSUMER_GROUP,
                        new CreateConsumerGroup(c.id(0), c.id(1), Json.text(c.json(), "name"))::encode,
                        ConsumerGroupReader::details))))
                .get(T + "/consumer-groups/{}", c -> Response.ok(JsonViews.groupDetails(c.dispatch(
                        CommandCode.GET_CONSUMER_GROUP, new ConsumerGroupRef(c.id(0), c.id(1), c.id(2))::encode,
                        StreamRoutes::groupOrMissing))))
                .delete(T + "/consumer-groups/{}", c -> empty(c, CommandCode.DELETE_CONSUMER_GROUP,
                        new ConsumerGroupRef(c.id(0), c.id(1), c.id(2))::encode));
    }

    private static ConsumerGroupReader.GroupDetails groupOrMissing(ByteBuf b) {
        if (!b.isReadable()) {
            throw new IggyException(ErrorCode.forCode(5000), "consumer group not found");
        }
        return ConsumerGroupReader.details(b);
    }

    static long requiredQuery(Call c, String name) {
        String v = c.query(name);
        if (v == null) {
            throw new HttpProblem(400, "Failed to deserialize query string: missing field `" + name + "`");
        }
        return Identifiers.u32(v, name);
    }

    static Response empty(Call c, int code, java.util.function.Consumer<ByteBuf> encoder) {
        c.run(code, encoder);
        return Response.empty(204);
    }

    /** A GET whose unknown stream or topic (error, or an empty reply) is the handler-level 404. */
    static Response found(Call c, int code, java.util.function.Consumer<ByteBuf> encoder,
                          Function<ByteBuf, Response> view) {
        try {
            return c.dispatch(code, encoder, b -> b.isReadable() ? view.apply(b) : ErrorBody.notFound());
        } catch (IggyException e) {
            if (MISSING.contains(e.errorCode().code())) {
                return ErrorBody.notFound();
            }
            throw e;
        }
    }

    private static Response createStream(Call c) {
        CreateStream request = new CreateStream(Json.text(c.json(), "name"));
        return Response.ok(JsonViews.streamDetails(c.dispatch(CommandCode.CREATE_STREAM, request::encode,
                StreamReader::details)));
    }

    private static Response createTopic(Call c) {
        JsonNode body = c.json();
        CreateTopic request = new CreateTopic(c.id(0), Json.u32(body, "partitions_count"), compression(body),
                Json.u64(body, "message_expiry"), Json.u64(body, "max_topic_size"), replication(body),
                Json.text(body, "name"));
        return Response.ok(JsonViews.topicDetails(c.dispatch(CommandCode.CREATE_TOPIC, request::encode,
                TopicReader::details)));
    }

    private static Response updateTopic(Call c) {
        JsonNode body = c.json();
        UpdateTopic request = new UpdateTopic(c.id(0), c.id(1), compression(body), Json.u64(body, "message_expiry"),
                Json.u64(body, "max_topic_size"), replication(body), Json.text(body, "name"));
        return empty(c, CommandCode.UPDATE_TOPIC, request::encode);
    }

    private static int compression(JsonNode body) {
        String text = Json.text(body, "compression_algorithm").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "none" -> 1;
            case "gzip" -> 2;
            default -> throw Json.shape("compression_algorithm");
        };
    }

    private static int replication(JsonNode body) {
        JsonNode v = body.get("replication_factor");
        if (v == null || v.isNull()) {
            return 1;
        }
        if (!v.canConvertToInt() || v.intValue() < 0 || v.intValue() > 255) {
            throw Json.shape("replication_factor");
        }
        return v.intValue();
    }
}
