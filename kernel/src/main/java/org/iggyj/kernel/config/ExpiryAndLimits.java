package org.iggyj.kernel.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Parsers for the two defaults that have "never"/"unlimited" spellings and a "server default"
 * value that the server configuration itself may not use (it would refer to itself).
 * Results use the wire encoding: -1 (u64::MAX) is unlimited / never.
 */
final class ExpiryAndLimits {

    /** Iggy caps expiries at u32::MAX seconds. */
    static final long MAX_EXPIRY_SECONDS = 0xFFFF_FFFFL;

    private ExpiryAndLimits() {
    }

    /**
     * @param text {@code "unlimited"} or a byte size
     * @return the size in bytes, or {@link SystemConfig#UNLIMITED}
     * @throws IllegalArgumentException for {@code "0"}, {@code "server_default"} or a non-size
     */
    static long topicMaxSizeBytes(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("unlimited")) {
            return SystemConfig.UNLIMITED;
        }
        // Iggy's shipped comment calls 0 "no limit", but 0 is the server-default marker and is refused.
        long bytes = normalized.equals("server_default") ? 0 : ByteSize.parse(normalized);
        if (bytes == 0) {
            throw new IllegalArgumentException("\"" + text + "\" means server default, which the server config cannot"
                + " use; write \"unlimited\" for no limit or a size such as \"10 GiB\"");
        }
        return bytes;
    }

    /**
     * @param text {@code "none"}, {@code "unlimited"}, {@code "never_expire"} or a duration
     * @return the expiry in microseconds, or {@link SystemConfig#NEVER_EXPIRE}
     * @throws IllegalArgumentException for a server-default spelling, a zero duration, more than
     *                                  u32::MAX seconds, or a non-duration
     */
    static long expiryUs(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("none") || normalized.equals("unlimited") || normalized.equals("never_expire")) {
            return SystemConfig.NEVER_EXPIRE;
        }
        boolean serverDefault = normalized.equals("default") || normalized.equals("server_default");
        // A zero duration is how the wire spells "server default" too.
        Duration duration = serverDefault ? Duration.ZERO : HumanDuration.parse(text);
        if (duration.isZero()) {
            throw new IllegalArgumentException("\"" + text + "\" means server default, which the server config cannot"
                + " use; write \"none\" to never expire or a duration such as \"7 days\"");
        }
        if (duration.getSeconds() > MAX_EXPIRY_SECONDS) {
            throw new IllegalArgumentException("at most " + MAX_EXPIRY_SECONDS + " seconds, got \"" + text + "\"");
        }
        return duration.getSeconds() * 1_000_000L + duration.getNano() / 1_000;
    }
}
