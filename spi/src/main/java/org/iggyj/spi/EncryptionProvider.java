package org.iggyj.spi;

import org.pf4j.ExtensionPoint;

/**
 * Server-side encryption of message payloads and user headers at rest.
 *
 * <p>Stateless extension, discovered by PF4J. When {@code [system.encryption] enabled = true} the
 * kernel picks the provider whose {@link #name()} is the configured algorithm and creates one cipher
 * per shard, so a cipher is only ever used by one thread.
 */
public interface EncryptionProvider extends ExtensionPoint {

    /**
     * @return the algorithm name, e.g. {@code aes-256-gcm}
     */
    String name();

    /**
     * @param key the raw key bytes from the configuration
     * @return a cipher confined to the calling shard
     * @throws IllegalArgumentException when the key is not valid for this algorithm
     */
    PayloadCipher create(byte[] key);
}
