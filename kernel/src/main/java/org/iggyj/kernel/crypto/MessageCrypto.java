package org.iggyj.kernel.crypto;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.iggyj.kernel.config.EncryptionConfig;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.spi.EncryptionProvider;
import org.iggyj.spi.PayloadCipher;

/**
 * Seals and opens message batches when encryption is on; passes them through when it is off
 * ({@link #NONE}). Each message's payload and its user-headers block (when present) are encrypted
 * separately and the two length fields of its header updated, as Iggy 0.8 stores them; the stored
 * checksum, stamped later at append, covers the encrypted bytes.
 *
 * <p>Thread-safe: each calling thread (a shard) gets its own cipher, so a cipher is never shared.
 */
public final class MessageCrypto {

    /** The algorithm Iggy 0.8 uses; the provider plugin must offer it. */
    public static final String ALGORITHM = "aes-256-gcm";

    /** Encryption off: batches pass through untouched. */
    public static final MessageCrypto NONE = new MessageCrypto(null, null);

    private final EncryptionProvider provider;
    private final byte[] key;
    private final ThreadLocal<PayloadCipher> ciphers;

    private MessageCrypto(EncryptionProvider provider, byte[] key) {
        this.provider = provider;
        this.key = key;
        this.ciphers = provider == null ? null : ThreadLocal.withInitial(() -> provider.create(key.clone()));
    }

    /**
     * @param config    the {@code [system.encryption]} settings
     * @param providers the encryption providers the plugins offer
     * @return {@link #NONE} when disabled, else a crypto on the {@value #ALGORITHM} provider
     * @throws IllegalStateException when enabled and no provider offers the algorithm, or the key is
     *                               unusable
     */
    public static MessageCrypto create(EncryptionConfig config, List<EncryptionProvider> providers) {
        if (!config.enabled()) {
            return NONE;
        }
        EncryptionProvider provider = providers.stream().filter(p -> ALGORITHM.equals(p.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("[system.encryption] enabled = true but no encryption"
                        + " provider '" + ALGORITHM + "' is installed (the iggyj-encryption-aes plugin jar)"));
        byte[] key = config.key();
        try {
            provider.create(key.clone());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("[system.encryption] key is not usable: " + e.getMessage(), e);
        }
        return new MessageCrypto(provider, key);
    }

    /** @return whether batches are encrypted */
    public boolean enabled() {
        return provider != null;
    }

    PayloadCipher cipher() {
        return ciphers.get();
    }

    /**
     * @param messages {@code count} messages back to back from the reader index; not released
     * @param count    number of messages
     * @param alloc    allocator for the result
     * @return a new buffer with every payload and user-headers block encrypted (or {@code messages}
     *         retained when encryption is off); the caller releases it
     */
    public ByteBuf seal(ByteBuf messages, int count, ByteBufAllocator alloc) {
        return transform(messages, count, alloc, true);
    }

    /**
     * @param messages {@code count} stored messages back to back; not released
     * @param count    number of messages
     * @param alloc    allocator for the result
     * @return a new buffer with the plaintext messages (or {@code messages} retained when off)
     * @throws IllegalStateException when stored bytes do not authenticate under the key
     */
    public ByteBuf open(ByteBuf messages, int count, ByteBufAllocator alloc) {
        return transform(messages, count, alloc, false);
    }

    private ByteBuf transform(ByteBuf messages, int count, ByteBufAllocator alloc, boolean seal) {
        if (!enabled() || count == 0) {
            return messages.retain();
        }
        PayloadCipher cipher = cipher();
        ByteBuf out = alloc.buffer(messages.readableBytes() + count * 64);
        try {
            int at = messages.readerIndex();
            for (int i = 0; i < count; i++) {
                int headersLength = Math.toIntExact(MessageLayout.userHeadersLength(messages, at));
                int payloadLength = Math.toIntExact(MessageLayout.payloadLength(messages, at));
                int headerStart = out.writerIndex();
                out.writeBytes(messages, at, MessageLayout.HEADER_LENGTH);
                int newPayload = append(out, cipher, messages.slice(at + MessageLayout.HEADER_LENGTH, payloadLength),
                        seal, alloc);
                int newHeaders = headersLength == 0 ? 0 : append(out, cipher,
                        messages.slice(at + MessageLayout.HEADER_LENGTH + payloadLength, headersLength), seal, alloc);
                out.setIntLE(headerStart + MessageLayout.PAYLOAD_LENGTH_OFFSET, newPayload);
                out.setIntLE(headerStart + MessageLayout.USER_HEADERS_LENGTH_OFFSET, newHeaders);
                at += MessageLayout.HEADER_LENGTH + payloadLength + headersLength;
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static int append(ByteBuf out, PayloadCipher cipher, ByteBuf part, boolean seal, ByteBufAllocator alloc) {
        ByteBuf result = seal ? cipher.encrypt(part, alloc) : cipher.decrypt(part, alloc);
        try {
            int length = result.readableBytes();
            out.writeBytes(result);
            return length;
        } finally {
            result.release();
        }
    }
}
