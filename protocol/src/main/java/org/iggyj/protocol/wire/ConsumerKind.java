package org.iggyj.protocol.wire;

import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/** Who reads: a single consumer (1) or a consumer group (2). */
public enum ConsumerKind {
    /** A standalone consumer; its offsets are its own. */
    CONSUMER(1),
    /** A consumer group; offsets are shared by its members. */
    CONSUMER_GROUP(2);

    private final int code;

    ConsumerKind(int code) {
        this.code = code;
    }

    /** @return the wire byte */
    public int code() {
        return code;
    }

    /**
     * @return the kind for a wire byte
     * @throws IggyException {@link ErrorCode#INVALID_COMMAND} for any other byte
     */
    public static ConsumerKind fromCode(int code) {
        return switch (code) {
            case 1 -> CONSUMER;
            case 2 -> CONSUMER_GROUP;
            default -> throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown consumer kind " + code);
        };
    }
}
