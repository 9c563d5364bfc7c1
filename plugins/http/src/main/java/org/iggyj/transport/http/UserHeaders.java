package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * User headers between JSON HeaderEntry lists and the binary block (binary-protocol.md §6.4):
 * {@code {"key": {"kind", "value": base64}, "value": {"kind", "value": base64}}}. Stateless.
 */
final class UserHeaders {

    private static final List<String> KINDS = List.of("raw", "string", "bool", "int8", "int16", "int32", "int64",
            "int128", "uint8", "uint16", "uint32", "uint64", "uint128", "float32", "float64");
    private static final int MAX_BLOCK_BYTES = 100_000;

    private UserHeaders() {
    }

    static byte[] fromJson(JsonNode headers) {
        if (headers == null || headers.isNull()) {
            return new byte[0];
        }
        if (headers.isTextual()) {
            return MessageRoutes.base64(headers, "user_headers");
        }
        if (!headers.isArray()) {
            throw Json.shape("user_headers");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode entry : headers) {
            item(out, Json.required(entry, "key"));
            item(out, Json.required(entry, "value"));
        }
        if (out.size() > MAX_BLOCK_BYTES) {
            throw new IggyException(ErrorCode.forCode(4017), "user headers too big");
        }
        return out.toByteArray();
    }

    private static void item(ByteArrayOutputStream out, JsonNode item) {
        int kind = KINDS.indexOf(Json.text(item, "kind").toLowerCase(java.util.Locale.ROOT)) + 1;
        if (kind == 0) {
            throw Json.shape("kind");
        }
        byte[] value = MessageRoutes.base64(Json.required(item, "value"), "value");
        if (value.length == 0 || value.length > 255) {
            throw Json.shape("value");
        }
        out.write(kind);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.length).array());
        out.writeBytes(value);
    }

    static JsonNode toJson(byte[] block) {
        ArrayNode list = JsonViews.array();
        ByteBuffer in = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (in.hasRemaining()) {
                ObjectNode entry = list.addObject();
                entry.set("key", readItem(in));
                entry.set("value", readItem(in));
            }
            return list;
        } catch (RuntimeException e) {
            return new TextNode(Base64.getEncoder().encodeToString(block));
        }
    }

    private static ObjectNode readItem(ByteBuffer in) {
        int kind = in.get() & 0xFF;
        int length = in.getInt();
        if (kind < 1 || kind > KINDS.size() || length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad header");
        }
        byte[] value = new byte[length];
        in.get(value);
        ObjectNode n = JsonViews.object();
        n.put("kind", KINDS.get(kind - 1));
        n.put("value", Base64.getEncoder().encodeToString(value));
        return n;
    }
}
