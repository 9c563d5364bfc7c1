package org.iggyj.kernel.config;

import java.util.Locale;

/**
 * Resolves {@code system.sharding.cpu_allocation} to a shard count. iggyj does not pin threads to
 * cores or place them by NUMA node, so only the count matters: {@code "all"} is one shard per
 * available core, {@code "N"} is N, {@code "a..b"} is {@code b - a}. NUMA forms are refused rather
 * than silently treated as {@code all}.
 */
final class ShardAllocation {

    private ShardAllocation() {
    }

    /**
     * @param text           the configured allocation
     * @param availableCores cores the JVM may use
     * @return the number of shards, in 1…availableCores
     * @throws IllegalArgumentException for any other form or an out-of-range count
     */
    static int shardCount(String text, int availableCores) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("all")) {
            return availableCores;
        }
        if (normalized.startsWith("numa")) {
            throw new IllegalArgumentException("NUMA allocation is not supported; use \"all\", a shard count or a"
                + " range \"a..b\"");
        }
        int range = normalized.indexOf("..");
        if (range >= 0) {
            int start = number(text, normalized.substring(0, range));
            int end = number(text, normalized.substring(range + 2));
            if (start >= end || end > availableCores) {
                throw new IllegalArgumentException("range \"" + text + "\" must satisfy start < end <= "
                    + availableCores + " (available cores)");
            }
            return end - start;
        }
        int count = number(text, normalized);
        if (count < 1 || count > availableCores) {
            throw new IllegalArgumentException("shard count must be between 1 and " + availableCores
                + " (available cores), got " + count);
        }
        return count;
    }

    private static int number(String text, String part) {
        try {
            return Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected \"all\", a shard count or a range \"a..b\", got \""
                + text + "\"", e);
        }
    }
}
