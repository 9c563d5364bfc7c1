package org.iggyj.encryption.aes;

import org.pf4j.Plugin;

/**
 * The PF4J plugin class named in the jar manifest; stateless, the work is in
 * {@link AesGcmEncryptionProvider}.
 */
public final class AesEncryptionPlugin extends Plugin {
}
