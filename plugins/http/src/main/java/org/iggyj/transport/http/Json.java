package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed field access on request bodies with Iggy 0.8's rejections (http-api.md §6): a missing required
 * field or a value of the wrong type is {@code 422}. Stateless.
 */
final class Json {

    private Json() {
    }

    static JsonNode required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw new HttpProblem(422, "Failed to deserialize the JSON body: missing field `" + field + "`");
        }
        return v;
    }

    static String text(JsonNode body, String field) {
        JsonNode v = required(body, field);
        if (!v.isTextual()) {
            throw shape(field);
        }
        return v.asText();
    }

    static String optText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static long u64(JsonNode body, String field) {
        JsonNode v = required(body, field);
        if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().bitLength() > 64) {
            throw shape(field);
        }
        return v.bigIntegerValue().longValue();
    }

    static long u32(JsonNode body, String field) {
        long v = u64(body, field);
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw shape(field);
        }
        return v;
    }

    static boolean bool(JsonNode body, String field) {
        JsonNode v = required(body, field);
        if (!v.isBoolean()) {
            throw shape(field);
        }
        return v.booleanValue();
    }

    static HttpProblem shape(String field) {
        return new HttpProblem(422, "Failed to deserialize the JSON body: invalid type for `" + field + "`");
    }
}
