package org.iggyj.client;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.iggyj.protocol.ErrorCode;

/**
 * The client side of TLS: off, on trusting a PEM certificate (the server's own, or its CA) with the
 * host name checked against it, or on trusting anything (for self-signed test servers, as the Rust
 * client's {@code validate_certificate = false}). Immutable.
 *
 * @param enabled     whether to speak TLS
 * @param trustedPem  the PEM certificate to trust, or null for the JDK's default trust store
 * @param insecure    accept any certificate and host name
 */
public record ClientTls(boolean enabled, Path trustedPem, boolean insecure) {

    /** Plain text. */
    public static final ClientTls OFF = new ClientTls(false, null, false);

    /**
     * @param trustedPem the certificate (chain) to trust
     * @return TLS that verifies the server against it
     */
    public static ClientTls trusting(Path trustedPem) {
        return new ClientTls(true, trustedPem, false);
    }

    /** @return TLS that accepts any server certificate */
    public static ClientTls trustingAnyone() {
        return new ClientTls(true, null, true);
    }

    SslContext context() {
        try {
            // OpenSSL (netty-tcnative) when it loads, as the server: a load generator on the JDK engine would
            // measure its own TLS cost rather than the server's.
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
            if (insecure) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else if (trustedPem != null) {
                builder.trustManager(trustedPem.toFile()).endpointIdentificationAlgorithm("HTTPS");
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IggyClientException(ErrorCode.TCP_ERROR, "unusable TLS settings: " + e.getMessage());
        }
    }
}
