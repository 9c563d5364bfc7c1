package org.iggyj.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encrypts and decrypts one message part (payload or user headers). Not thread-safe: the kernel
 * keeps one per shard. Neither method takes ownership of its input; each returns a new buffer the
 * caller owns.
 */
public interface PayloadCipher {

    /**
     * @param plain the readable bytes to encrypt
     * @param alloc allocator for the result
     * @return the ciphertext (with whatever nonce and tag the algorithm needs)
     */
    ByteBuf encrypt(ByteBuf plain, ByteBufAllocator alloc);

    /**
     * @param cipher the readable bytes produced by {@link #encrypt}
     * @param alloc  allocator for the result
     * @return the plaintext
     * @throws IllegalStateException when the bytes do not authenticate under this key
     */
    ByteBuf decrypt(ByteBuf cipher, ByteBufAllocator alloc);
}
