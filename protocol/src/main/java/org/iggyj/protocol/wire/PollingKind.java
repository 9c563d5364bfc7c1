package org.iggyj.protocol.wire;

import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/** Where a poll starts; see {@link PollingStrategy}. */
public enum PollingKind {
    /** At the offset given as value. */
    OFFSET(1),
    /** At the first message whose server timestamp is at least the value (microseconds). */
    TIMESTAMP(2),
    /** At the first offset still stored. */
    FIRST(3),
    /** At the last {@code count} messages. */
    LAST(4),
    /** After the consumer's stored offset, or at the first offset when none is stored. */
    NEXT(5);

    private final int code;

    PollingKind(int code) {
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
    public static PollingKind fromCode(int code) {
        return switch (code) {
            case 1 -> OFFSET;
            case 2 -> TIMESTAMP;
            case 3 -> FIRST;
            case 4 -> LAST;
            case 5 -> NEXT;
            default -> throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown polling kind " + code);
        };
    }
}
