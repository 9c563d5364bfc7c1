/**
 * The {@code aes-256-gcm} encryption provider: Iggy 0.8's at-rest format for message payloads and
 * user headers, {@code nonce (12 random bytes) || ciphertext || tag (16 bytes)}, no associated data,
 * on the JDK's {@code javax.crypto}.
 *
 * <p>Threads: the provider is stateless; each {@link org.iggyj.encryption.aes.AesGcmCipher} is
 * confined to the shard that created it.
 */
package org.iggyj.encryption.aes;
