/**
 * Server-side encryption of message payloads and user headers at rest ({@code [system.encryption]}):
 * picks the {@link org.iggyj.spi.EncryptionProvider} plugin, keeps one cipher per shard thread,
 * seals each message's payload and user headers separately at append and opens them on poll, and
 * guards the data directory against a changed or missing key with a key-check file in the state
 * directory.
 *
 * <p>Threads: {@link org.iggyj.kernel.crypto.MessageCrypto} is built and its key verified once on the
 * startup thread; batches are sealed and opened on the partition's owner shard.
 */
package org.iggyj.kernel.crypto;
