package org.iggyj.encryption.aes;

import org.iggyj.spi.EncryptionProvider;
import org.iggyj.spi.PayloadCipher;
import org.pf4j.Extension;

/**
 * The {@value #NAME} provider. Stateless; {@link #create} checks the key length.
 */
@Extension
public final class AesGcmEncryptionProvider implements EncryptionProvider {

    /** The algorithm name, as {@code [system.encryption]} selects it. */
    public static final String NAME = "aes-256-gcm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PayloadCipher create(byte[] key) {
        return new AesGcmCipher(key);
    }
}
