package org.iggyj.kernel.partition;

/**
 * {@code system.message_deduplication}: whether sends are deduplicated by message id, per partition.
 *
 * @param enabled    whether deduplication runs at all
 * @param maxEntries ids remembered per partition; 0 = no cap
 * @param expiryUs   how long an id is remembered, µs; 0 = until evicted by the cap (or restart)
 */
public record DeduplicationConfig(boolean enabled, long maxEntries, long expiryUs) {

    /** Deduplication off (the server default). */
    public static final DeduplicationConfig DISABLED = new DeduplicationConfig(false, 0, 0);

    /** Validates the limits. */
    public DeduplicationConfig {
        if (maxEntries < 0 || maxEntries > MessageIdCache.MAX_CAPACITY) {
            throw new IllegalArgumentException("maxEntries must be in 0.." + MessageIdCache.MAX_CAPACITY
                + ", got " + maxEntries);
        }
        if (expiryUs < 0) {
            throw new IllegalArgumentException("expiryUs must not be negative, got " + expiryUs);
        }
    }
}
