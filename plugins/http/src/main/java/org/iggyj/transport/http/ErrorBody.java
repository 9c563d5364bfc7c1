package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.iggyj.protocol.ErrorCode;

/**
 * Iggy errors as HTTP (http-api.md §3): the JSON body {@code {id, code, reason, field}} and the status
 * each error maps to. Stateless.
 */
final class ErrorBody {

    private static final Set<ErrorCode> NOT_FOUND = Set.of(ErrorCode.forCode(1009), ErrorCode.forCode(2010),
            ErrorCode.forCode(3007), ErrorCode.forCode(4000), ErrorCode.forCode(100), ErrorCode.forCode(5000),
            ErrorCode.forCode(5003), ErrorCode.forCode(5006), ErrorCode.forCode(3021), ErrorCode.RESOURCE_NOT_FOUND);
    private static final Set<Integer> UNAUTHENTICATED = Set.of(40, 77, 78, 53);
    private static final int UNAUTHORIZED = 41;
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("stream_id_not_found", "stream_id"), Map.entry("invalid_stream_id", "stream_id"),
            Map.entry("topic_id_not_found", "topic_id"), Map.entry("invalid_topic_id", "topic_id"),
            Map.entry("partition_not_found", "partition_id"), Map.entry("segment_not_found", "segment_id"),
            Map.entry("client_not_found", "client_id"), Map.entry("invalid_stream_name", "name"),
            Map.entry("stream_name_already_exists", "name"), Map.entry("invalid_topic_name", "name"),
            Map.entry("topic_name_already_exists", "name"), Map.entry("consumer_group_name_already_exists", "name"),
            Map.entry("personal_access_token_already_exists", "name"), Map.entry("invalid_offset", "offset"),
            Map.entry("invalid_consumer_group_id", "consumer_group_id"), Map.entry("user_already_exists", "username"));

    private ErrorBody() {
    }

    static int status(ErrorCode error) {
        if (NOT_FOUND.contains(error)) {
            return 404;
        }
        if (UNAUTHENTICATED.contains(error.code())) {
            return 401;
        }
        return error.code() == UNAUTHORIZED ? 403 : 400;
    }

    static Response of(ErrorCode error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", error.code());
        body.put("code", error.label());
        body.put("reason", reason(error));
        String field = FIELDS.get(error.label());
        if (field == null) {
            body.putNull("field");
        } else {
            body.put("field", field);
        }
        return Response.json(status(error), body);
    }

    /** The handler-level "not found" form: {@code {"id": 404, "code": "not_found", ...}}. */
    static Response notFound() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", 404);
        body.put("code", "not_found");
        body.put("reason", "Resource not found");
        body.putNull("field");
        return Response.json(404, body);
    }

    private static String reason(ErrorCode error) {
        String words = error.label().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
    }
}
