package org.iggyj.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Test helper: hex strings (spaces ignored) to buffers and back. */
public final class Hex {

    private Hex() {
    }

    /** @return a heap buffer holding the bytes of {@code hex} */
    public static ByteBuf buf(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }

    /** @return the readable bytes as lower-case hex, space separated */
    public static String of(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf).replaceAll("(..)(?!$)", "$1 ");
    }

    /** @return {@code hex} normalised to lower case with single spaces */
    public static String norm(String hex) {
        return hex.trim().toLowerCase().replaceAll("\\s+", " ");
    }
}
