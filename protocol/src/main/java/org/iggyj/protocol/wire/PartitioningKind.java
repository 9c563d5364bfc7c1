package org.iggyj.protocol.wire;

import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;

/** How send_messages picks its partition; see {@link Partitioning}. */
public enum PartitioningKind {
    /** Round robin per topic, one step per send request. */
    BALANCED(1),
    /** An explicit partition id. */
    PARTITION_ID(2),
    /** XxHash32 of a key, modulo the partition count. */
    MESSAGES_KEY(3);

    private final int code;

    PartitioningKind(int code) {
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
    public static PartitioningKind fromCode(int code) {
        return switch (code) {
            case 1 -> BALANCED;
            case 2 -> PARTITION_ID;
            case 3 -> MESSAGES_KEY;
            default -> throw new IggyException(ErrorCode.INVALID_COMMAND, "unknown partitioning kind " + code);
        };
    }
}
