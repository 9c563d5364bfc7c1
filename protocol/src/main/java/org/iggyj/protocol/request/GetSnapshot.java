package org.iggyj.protocol.request;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.WireReader;

/**
 * get_snapshot (11): {@code compression u8, types_count u8, types u8 x types_count}.
 *
 * @param compression 1 stored, 2 deflated, 3 bzip2, 4 zstd, 5 lzma, 6 xz
 * @param types       snapshot types (1..6, or 100 = all, alone); the array is kept, not copied
 */
public record GetSnapshot(int compression, int[] types) {

    /** Snapshot type "all", which must be the only one. */
    public static final int TYPE_ALL = 100;

    /**
     * Decodes from the reader index, consuming what it reads.
     *
     * @throws IggyException 3 when truncated, for unknown codes, or "all" combined with others
     */
    public static GetSnapshot decode(ByteBuf payload) {
        int compression = WireReader.u8(payload);
        if (compression < 1 || compression > 6) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown snapshot compression " + compression);
        }
        int[] types = new int[WireReader.u8(payload)];
        for (int i = 0; i < types.length; i++) {
            types[i] = WireReader.u8(payload);
            boolean known = (types[i] >= 1 && types[i] <= 6) || types[i] == TYPE_ALL;
            if (!known || (types[i] == TYPE_ALL && types.length > 1)) {
                throw new IggyException(ErrorCode.INVALID_COMMAND, "bad snapshot type " + types[i]);
            }
        }
        return new GetSnapshot(compression, types);
    }

    /** Writes the payload at the writer index. */
    public void encode(ByteBuf out) {
        out.writeByte(compression);
        out.writeByte(types.length);
        for (int t : types) {
            out.writeByte(t);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetSnapshot g && compression == g.compression && Arrays.equals(types, g.types);
    }

    @Override
    public int hashCode() {
        return 31 * compression + Arrays.hashCode(types);
    }

    @Override
    public String toString() {
        return "GetSnapshot[compression=" + compression + ", types=" + Arrays.toString(types) + "]";
    }
}
