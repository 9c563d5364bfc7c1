package org.iggyj.kernel.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * Personal access tokens as Iggy 0.8 makes them: the raw token is the standard Base64 (with
 * padding) of 50 random bytes, 68 characters, shown to its owner once; the server keeps only the
 * lowercase hex BLAKE3 hash of that text and looks tokens up by it. Stateless and thread-safe;
 * both calls are cheap (microseconds), so they may run on any thread.
 */
public final class TokenHasher {

    static final int RAW_TOKEN_BYTES = 50;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHasher() {
    }

    /**
     * @return a fresh raw token; never log it
     */
    public static String newRawToken() {
        return newRawToken(RANDOM::nextBytes);
    }

    /**
     * @param random where the token's bytes come from
     * @return a raw token; never log it
     */
    public static String newRawToken(RandomSource random) {
        byte[] bytes = new byte[RAW_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * @param rawToken the token text as the client sends it
     * @return its BLAKE3 hash, 64 lowercase hex characters
     */
    public static String hash(String rawToken) {
        byte[] text = rawToken.getBytes(StandardCharsets.UTF_8);
        Blake3Digest digest = new Blake3Digest();
        digest.update(text, 0, text.length);
        byte[] out = new byte[HASH_BYTES];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
