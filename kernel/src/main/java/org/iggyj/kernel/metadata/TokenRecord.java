package org.iggyj.kernel.metadata;

/**
 * A personal access token as stored: only the hash of the raw token is kept, so a leaked metadata
 * file does not leak usable tokens. Immutable.
 *
 * @param name       unique among its owner's tokens, 3..30 bytes
 * @param hash       lowercase hex BLAKE3 of the raw token text
 * @param expiryAtUs absolute expiry in microseconds since the epoch (unsigned), or 0 for never
 */
public record TokenRecord(String name, String hash, long expiryAtUs) {

    /** {@link #expiryAtUs()} of a token that never expires. */
    public static final long NEVER = 0;

    /**
     * @param nowUs the current time in microseconds
     * @return whether the token can no longer be used
     */
    public boolean isExpired(long nowUs) {
        return expiryAtUs != NEVER && Long.compareUnsigned(nowUs, expiryAtUs) >= 0;
    }
}
