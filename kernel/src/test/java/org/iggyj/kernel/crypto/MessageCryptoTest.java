package org.iggyj.kernel.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.iggyj.kernel.config.EncryptionConfig;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.protocol.MessageLayout;
import org.iggyj.protocol.request.MessageDraft;
import org.iggyj.spi.EncryptionProvider;
import org.junit.jupiter.api.Test;

class MessageCryptoTest {

    private static final UnpooledByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final List<EncryptionProvider> PROVIDERS =
            PluginHost.classpathEncryptionProviders(MessageCryptoTest.class.getClassLoader());

    private static ByteBuf batch(MessageDraft... messages) {
        ByteBuf out = Unpooled.buffer();
        for (MessageDraft m : messages) {
            m.writeTo(out);
        }
        return out;
    }

    @Test
    void sealsPayloadAndHeadersSeparatelyAndOpensThemBack() {
        MessageCrypto crypto = MessageCrypto.create(new EncryptionConfig(true, KEY), PROVIDERS);
        byte[] headers = "hdrs".getBytes(StandardCharsets.US_ASCII);
        ByteBuf plain = batch(new MessageDraft(0, 0, 7, headers, "payload-1".getBytes(StandardCharsets.US_ASCII)),
                MessageDraft.of("p2".getBytes(StandardCharsets.US_ASCII)));
        ByteBuf sealed = crypto.seal(plain, 2, ALLOC);
        int second = MessageLayout.HEADER_LENGTH + 9 + 28 + 4 + 28;
        assertEquals(9 + 28, MessageLayout.payloadLength(sealed, 0));
        assertEquals(4 + 28, MessageLayout.userHeadersLength(sealed, 0));
        assertEquals(2 + 28, MessageLayout.payloadLength(sealed, second));
        assertEquals(0, MessageLayout.userHeadersLength(sealed, second));
        assertEquals(second + MessageLayout.HEADER_LENGTH + 30, sealed.readableBytes());

        ByteBuf opened = crypto.open(sealed, 2, ALLOC);
        assertTrue(ByteBufUtil.equals(plain, opened));
        plain.release();
        sealed.release();
        opened.release();
    }

    @Test
    void disabledPassesThroughAndMissingProviderOrBadKeyFails() {
        ByteBuf plain = batch(MessageDraft.of(new byte[] {1}));
        ByteBuf same = MessageCrypto.NONE.seal(plain, 1, ALLOC);
        assertSame(plain, same);
        same.release();
        plain.release();
        assertSame(MessageCrypto.NONE, MessageCrypto.create(new EncryptionConfig(false, ""), List.of()));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> MessageCrypto.create(new EncryptionConfig(true, KEY), List.of()));
        assertTrue(missing.getMessage().contains("aes-256-gcm"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> MessageCrypto.create(
                new EncryptionConfig(true, Base64.getEncoder().encodeToString(new byte[16])), PROVIDERS));
    }
}
