package org.iggyj.encryption.aes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.iggyj.spi.EncryptionProvider;
import org.iggyj.spi.PayloadCipher;
import org.junit.jupiter.api.Test;

class AesGcmCipherTest {

    private static final UnpooledByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 8);
    }

    private static byte[] bytes(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void roundTripsAndUsesTheIggyLayout() throws Exception {
        PayloadCipher cipher = new AesGcmEncryptionProvider().create(KEY);
        byte[] plain = "hello, iggy".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = bytes(cipher.encrypt(Unpooled.wrappedBuffer(plain), ALLOC));

        assertEquals(12 + plain.length + 16, sealed.length);
        assertArrayEquals(plain, bytes(cipher.decrypt(Unpooled.wrappedBuffer(sealed), ALLOC)));
        // An independent decryption by the JDK: nonce || ciphertext || tag, no AAD.
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        assertArrayEquals(plain, jdk.doFinal(sealed, 12, sealed.length - 12));
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        PayloadCipher cipher = new AesGcmEncryptionProvider().create(KEY);
        byte[] a = bytes(cipher.encrypt(Unpooled.wrappedBuffer(new byte[] {1}), ALLOC));
        byte[] b = bytes(cipher.encrypt(Unpooled.wrappedBuffer(new byte[] {1}), ALLOC));
        assertFalse(Arrays.equals(a, b));
        assertNotEquals(Arrays.toString(Arrays.copyOf(a, 12)), Arrays.toString(Arrays.copyOf(b, 12)));
    }

    @Test
    void anotherKeyOrTamperedDataFailsInsteadOfReturningGarbage() {
        byte[] sealed = bytes(new AesGcmCipher(KEY).encrypt(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), ALLOC));
        PayloadCipher other = new AesGcmCipher(OTHER_KEY);
        assertThrows(IllegalStateException.class, () -> other.decrypt(Unpooled.wrappedBuffer(sealed), ALLOC));
        sealed[14] ^= 1;
        PayloadCipher same = new AesGcmCipher(KEY);
        assertThrows(IllegalStateException.class, () -> same.decrypt(Unpooled.wrappedBuffer(sealed), ALLOC));
        assertThrows(IllegalStateException.class, () -> same.decrypt(Unpooled.wrappedBuffer(new byte[27]), ALLOC));
    }

    @Test
    void rejectsKeysThatAreNot32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new AesGcmEncryptionProvider().create(new byte[16]));
    }

    @Test
    void isDiscoverableThroughServiceLoader() {
        List<String> names = ServiceLoader.load(EncryptionProvider.class).stream().map(p -> p.get().name()).toList();
        assertEquals(List.of("aes-256-gcm"), names);
    }
}
