package org.iggyj.spi;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * Builds a Netty server {@link SslContext} from the kernel's {@link TlsMaterial}, for any transport that
 * puts an {@code SslHandler} in its pipeline (tcp, websocket, kafka and third-party ones). The engine is
 * OpenSSL (BoringSSL from netty-tcnative, shipped in the kernel's {@code lib/}) when its native library
 * loads, and the JDK's otherwise: the JDK engine costs several times more CPU per byte, which bounds TLS
 * throughput on a small machine. Stateless.
 */
public final class ServerTls {

    /** The largest read of a TLS channel ({@link #sizeReads}): a whole 1 MB send request with its records. */
    public static final int MAX_READ_BYTES = 1 << 20;
    private static final int MIN_READ_BYTES = 512;
    private static final int INITIAL_READ_BYTES = 2048;

    private ServerTls() {
    }

    /**
     * @param section  the transport's config section, named in the error, e.g. {@code "tcp.tls"}
     * @param material the certificate chain and key
     * @return a server context; clients are not asked for certificates
     * @throws IllegalStateException when the material is unusable (key and certificate do not match)
     */
    public static SslContext context(String section, TlsMaterial material) {
        try {
            return SslContextBuilder.forServer(material.privateKey(),
                    material.certificateChain().toArray(new X509Certificate[0]))
                    .sslProvider(provider())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("[" + section + "] unusable certificate or key: " + e.getMessage(), e);
        }
    }

    /**
     * A server-side handler of {@code ssl} that encrypts up to {@code wrapBytes} of pending writes per pass.
     *
     * <p>Design note: by default the {@code SslHandler} takes 16 KiB (one record) of pending writes per pass
     * and gives each record its own output buffer, promise and pipeline write, so a 1 MB poll reply is 64
     * passes. With {@code wrapBytes} at the size of the slices a transport writes ({@code TlsWriteSlicer}),
     * one pass encrypts a whole slice, record by record, into one output buffer: the same records on the
     * wire, an eighth of the Java work per byte. No copy is added as long as each flush leaves one buffer
     * pending, which is what the slicer does for large writes.
     *
     * @param ssl       the transport's context, from {@link #context}
     * @param alloc     the channel's allocator
     * @param wrapBytes the most plaintext encrypted per pass, e.g. {@code TlsWriteSlicer.SLICE_BYTES}
     * @return a new handler for one channel
     */
    public static SslHandler handler(SslContext ssl, ByteBufAllocator alloc, int wrapBytes) {
        SslHandler handler = ssl.newHandler(alloc);
        handler.setWrapDataSize(wrapBytes);
        return handler;
    }

    /**
     * @param handler a channel's handler, from {@link #handler}
     * @return whether its engine can decrypt into a buffer of the pipeline's choosing
     *         ({@code TlsDecryptAllocator}): OpenSSL's, unless {@code -Diggy.tls.copyDecrypted=true} asks for
     *         a new buffer per read as before (to measure the difference)
     */
    public static boolean canDecryptInPlace(SslHandler handler) {
        return handler.engine() instanceof ReferenceCountedOpenSslEngine
                && !Boolean.getBoolean("iggy.tls.copyDecrypted");
    }

    /**
     * @return whether a TLS channel takes poll replies as file regions and reads them itself, slice by slice,
     *         right before encryption ({@code TlsRegionReader}); {@code -Diggy.tls.copyPolls=true} has the
     *         partition's owner read the whole poll into memory first, as before (to measure the difference)
     */
    public static boolean pollsFromFiles() {
        return !Boolean.getBoolean("iggy.tls.copyPolls");
    }

    /**
     * Lets a TLS channel read up to {@value #MAX_READ_BYTES} per read instead of Netty's 64 KiB.
     *
     * <p>Design note: every read a TLS channel makes is one pass of the {@code SslHandler} (cumulate,
     * decrypt the complete records into a new buffer, fire it down the pipeline) and one pass of the frame
     * decoder behind it (copy into the request). A 1 MB send request took 16 such passes and 16 system
     * calls at 64 KiB; in one read it takes as many as the sender's slices happen to arrive in. The guess
     * adapts, so a connection sending small requests still reads into small buffers.
     *
     * @param channel a channel with an {@code SslHandler}, before it reads anything
     */
    public static void sizeReads(Channel channel) {
        channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(MIN_READ_BYTES,
                INITIAL_READ_BYTES, MAX_READ_BYTES));
    }

    /**
     * @return OpenSSL when netty-tcnative loads on this platform, else the JDK engine. {@code OPENSSL} rather
     *         than {@code OPENSSL_REFCNT}: engines are freed by the garbage collector, not by the pipeline.
     */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** @return what a startup log line says about the engine in use, e.g. {@code OpenSSL engine (BoringSSL)} */
    public static String engineDescription() {
        if (OpenSsl.isAvailable()) {
            return "OpenSSL engine (" + OpenSsl.versionString() + ")";
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return "JDK engine (OpenSSL unavailable: " + (cause == null ? "unknown" : cause.getMessage()) + ")";
    }
}
