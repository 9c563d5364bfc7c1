package org.iggyj.kernel.config;

import java.util.Base64;

/**
 * Server-side encryption settings ({@code [system.encryption]}). The key is held as its base64
 * text; {@link #toString()} masks it so the record can be logged.
 *
 * @param enabled   whether payloads are encrypted
 * @param keyBase64 base64 of the 32-byte key; empty when disabled
 */
public record EncryptionConfig(boolean enabled, String keyBase64) {

    /** @return a fresh copy of the decoded key bytes (32 when enabled) */
    public byte[] key() {
        return Base64.getDecoder().decode(keyBase64);
    }

    @Override
    public String toString() {
        return "EncryptionConfig[enabled=" + enabled + ", key=" + (keyBase64.isEmpty() ? "" : TomlRenderer.MASK) + "]";
    }
}
