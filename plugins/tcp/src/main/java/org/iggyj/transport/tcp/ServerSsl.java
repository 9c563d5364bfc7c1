package org.iggyj.transport.tcp;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.iggyj.spi.TlsMaterial;

/**
 * Builds the server {@link SslContext} from the kernel's TLS material, once per endpoint. The engine is
 * OpenSSL (BoringSSL from netty-tcnative, shipped in {@code lib/}) when its native library loads, and the
 * JDK's otherwise: the JDK engine costs several times more CPU per byte, which bounds TLS throughput on a
 * small machine. Stateless.
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
                    material.certificateChain().toArray(new X509Certificate[0]))
                    .sslProvider(provider())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("[tcp.tls] unusable certificate or key: " + e.getMessage(), e);
        }
    }

    /**
     * @return OpenSSL when netty-tcnative loads on this platform, else the JDK engine. {@code OPENSSL} rather
     *         than {@code OPENSSL_REFCNT}: engines are freed by the garbage collector, not by the pipeline.
     */
    static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** @return what the startup log says about the engine in use, e.g. {@code OpenSSL (BoringSSL)} */
    static String engineDescription() {
        if (OpenSsl.isAvailable()) {
            return "OpenSSL engine (" + OpenSsl.versionString() + ")";
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return "JDK engine (OpenSSL unavailable: " + (cause == null ? "unknown" : cause.getMessage()) + ")";
    }
}
