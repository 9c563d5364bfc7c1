package org.iggyj.transport.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.iggyj.spi.TlsMaterial;

/**
 * Turns the kernel's TLS material (PEM files or the generated certificate, see {@code [http.tls]})
 * into the JDK {@link SSLContext} Undertow's HTTPS listener takes. Stateless.
 */
final class ServerSslContext {

    private static final String ALIAS = "iggy";

    private ServerSslContext() {
    }

    static SSLContext of(TlsMaterial material) {
        try {
            // The key store lives only in memory; the password protects nothing and is never stored.
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, material.privateKey(), password,
                    material.certificateChain().toArray(new X509Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("[http.tls] cannot use the TLS material: " + e.getMessage(), e);
        }
    }
}
