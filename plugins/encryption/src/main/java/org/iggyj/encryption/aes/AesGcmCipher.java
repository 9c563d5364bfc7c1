package org.iggyj.encryption.aes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.iggyj.spi.PayloadCipher;

/**
 * AES-256-GCM over one message part: {@code nonce (12) || ciphertext || tag (16)}, a fresh random
 * nonce per call, no associated data. Not thread-safe (one {@link Cipher} reused), as the SPI allows.
 */
final class AesGcmCipher implements PayloadCipher {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BITS / 8;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final SecureRandom random = new SecureRandom();

    AesGcmCipher(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("aes-256-gcm needs a key of exactly 32 bytes, got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + TRANSFORMATION, e);
        }
    }

    @Override
    public ByteBuf encrypt(ByteBuf plain, ByteBufAllocator alloc) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            sealed = cipher.doFinal(ByteBufUtil.getBytes(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("aes-256-gcm encryption failed", e);
        }
        return alloc.buffer(NONCE_BYTES + sealed.length).writeBytes(nonce).writeBytes(sealed);
    }

    @Override
    public ByteBuf decrypt(ByteBuf sealed, ByteBufAllocator alloc) {
        int length = sealed.readableBytes();
        if (length < OVERHEAD_BYTES) {
            throw new IllegalStateException("aes-256-gcm data of " + length + " bytes is shorter than nonce and tag");
        }
        byte[] bytes = ByteBufUtil.getBytes(sealed);
        byte[] plain;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            plain = cipher.doFinal(bytes, NONCE_BYTES, length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("aes-256-gcm data does not authenticate under this key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("aes-256-gcm decryption failed", e);
        }
        return alloc.buffer(plain.length).writeBytes(plain);
    }
}
