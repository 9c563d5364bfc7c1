package org.iggyj.transport.kafka;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.iggyj.spi.TlsMaterial;

/**
 * Builds the server {@link SslContext} from the kernel's TLS material, once per endpoint. Netty
 * picks OpenSSL when it is on the class path and the JDK engine otherwise. Stateless.
 */
final class ServerSsl {

    private ServerSsl() {
    }

    /**
     * @param material the certificate chain and key
     * @return a server context; clients are not asked for certificates
     * @throws IllegalStateException when the material is unusable (key and certificate do not match)
     */
    static SslContext context(TlsMaterial material) {
        try {
            return SslContextBuilder.forServer(material.privateKey(),
                    material.certificateChain().toArray(new X509Certificate[0])).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("[kafka.tls] unusable certificate or key: " + e.getMessage(), e);
        }
    }
}
