package org.iggyj.kernel.auth;

/**
 * Where a new personal access token's secret and stored hash come from. Alone, a fresh random
 * token and its BLAKE3 hash. With clustering on, the node that received create_personal_access_token
 * makes the token and replicates only its hash; while that entry applies, every node stores the
 * hash as it is and knows no secret (the receiving node answers its client with the token it kept).
 */
@FunctionalInterface
public interface TokenSecrets {

    /**
     * A token as the handler stores and answers it.
     *
     * @param raw  the token shown to its owner; empty when this node does not know it
     * @param hash the lowercase hex BLAKE3 hash stored
     */
    record NewToken(String raw, String hash) {
    }

    /** A fresh token from the given random source, hashed here. */
    TokenSecrets RANDOM = random -> {
        String raw = TokenHasher.newRawToken(random);
        return new NewToken(raw, TokenHasher.hash(raw));
    };

    /**
     * @param random the handler's random source
     * @return the token to store and answer
     */
    NewToken mint(RandomSource random);
}
