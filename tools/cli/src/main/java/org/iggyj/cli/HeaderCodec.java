package org.iggyj.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Iggy 0.8 user headers, as the SDKs write them: for each header {@code key_length u32, key,
 * kind u8, value_length u32, value}. The CLI writes string headers (kind 2) and prints any kind:
 * strings as text, everything else as hex.
 */
final class HeaderCodec {

    private static final int KIND_STRING = 2;

    private HeaderCodec() {
    }

    static byte[] encode(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return new byte[0];
        }
        ByteBuf out = Unpooled.buffer();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new CliException("header '" + header + "' is not KEY:VALUE");
            }
            byte[] key = header.substring(0, colon).getBytes(StandardCharsets.UTF_8);
            byte[] value = header.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
            out.writeIntLE(key.length).writeBytes(key).writeByte(KIND_STRING).writeIntLE(value.length).writeBytes(value);
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    static Map<String, String> decode(byte[] headers) {
        Map<String, String> map = new LinkedHashMap<>();
        ByteBuf in = Unpooled.wrappedBuffer(headers);
        while (in.readableBytes() >= 9) {
            byte[] key = new byte[in.readIntLE()];
            in.readBytes(key);
            int kind = in.readUnsignedByte();
            byte[] value = new byte[in.readIntLE()];
            in.readBytes(value);
            map.put(new String(key, StandardCharsets.UTF_8), kind == KIND_STRING
                    ? new String(value, StandardCharsets.UTF_8) : HexFormat.of().formatHex(value));
        }
        return map;
    }
}
