package org.iggyj.protocol;

/**
 * Value limits that Iggy 0.8 handlers check after decoding (decoders only check the wire format).
 * Lengths are UTF-8 byte counts, bounds inclusive.
 */
public final class Limits {

    /** Shortest username; shorter gives {@link ErrorCode#INVALID_USERNAME}. */
    public static final int MIN_USERNAME = 3;
    /** Longest username; longer gives {@link ErrorCode#INVALID_USERNAME}. */
    public static final int MAX_USERNAME = 50;
    /** Shortest password; shorter gives {@link ErrorCode#INVALID_PASSWORD}. */
    public static final int MIN_PASSWORD = 3;
    /** Longest password; longer gives {@link ErrorCode#INVALID_PASSWORD}. */
    public static final int MAX_PASSWORD = 100;
    /** Shortest personal access token name; else {@link ErrorCode#INVALID_PERSONAL_ACCESS_TOKEN_NAME}. */
    public static final int MIN_PAT_NAME = 3;
    /** Longest personal access token name; else {@link ErrorCode#INVALID_PERSONAL_ACCESS_TOKEN_NAME}. */
    public static final int MAX_PAT_NAME = 30;
    /** Most partitions one create_topic / create_partitions may ask for; else {@link ErrorCode#TOO_MANY_PARTITIONS}. */
    public static final int MAX_PARTITIONS_PER_REQUEST = 1000;
    /** Longest {@code Name} field (its length is one byte). */
    public static final int MAX_NAME = 255;

    private Limits() {
    }
}
