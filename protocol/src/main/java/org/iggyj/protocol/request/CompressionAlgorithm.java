package org.iggyj.protocol.request;

import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/**
 * Topic compression codes. Iggy 0.8 stores and reports the value but never compresses with it.
 */
public final class CompressionAlgorithm {

    /** No compression. */
    public static final int NONE = 1;
    /** Gzip. */
    public static final int GZIP = 2;

    private CompressionAlgorithm() {
    }

    /**
     * @param code a wire byte
     * @return the same code, when valid
     * @throws IggyException {@link ErrorCode#INVALID_COMMAND} for anything but 1 or 2
     */
    public static int check(int code) {
        if (code != NONE && code != GZIP) {
            throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown compression algorithm " + code);
        }
        return code;
    }
}
