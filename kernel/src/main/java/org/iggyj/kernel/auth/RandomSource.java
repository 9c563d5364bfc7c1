package org.iggyj.kernel.auth;

import java.security.SecureRandom;

/**
 * Where salts and token secrets come from. Injected so that a replicated command can be applied
 * with the same bytes on every node (see {@code org.iggyj.kernel.cluster.PinnedInputs}).
 */
@FunctionalInterface
public interface RandomSource {

    /** A shared {@link SecureRandom}. */
    RandomSource SECURE = new SecureRandom()::nextBytes;

    /**
     * @param out filled with random bytes
     */
    void nextBytes(byte[] out);
}
