package org.iggyj.kernel.config;

import java.util.Locale;

/** Which segments keep their index in memory ({@code system.segment.cache_indexes}). */
public enum CacheIndexes {
    /** Every segment's index stays in memory. */
    ALL,
    /** Only the segment being appended to keeps its index in memory. */
    OPEN_SEGMENT,
    /** No index stays in memory; lookups read the index file. */
    NONE;

    /**
     * @param text {@code all}/{@code true}, {@code open_segment}, {@code none}/{@code false}, any case
     * @return the setting
     * @throws IllegalArgumentException for anything else
     */
    public static CacheIndexes parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "all":
            case "true":
                return ALL;
            case "open_segment":
                return OPEN_SEGMENT;
            case "none":
            case "false":
                return NONE;
            default:
                throw new IllegalArgumentException("expected \"all\", \"open_segment\" or \"none\", got \"" + text + "\"");
        }
    }
}
