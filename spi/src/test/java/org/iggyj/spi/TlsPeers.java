package org.iggyj.spi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A TLS client and server as two embedded channels in one test: their key material and the wire between them. */
public final class TlsPeers {

    private TlsPeers() {
    }

    /**
     * Moves the bytes each side wrote to the other until neither has anything left to send.
     *
     * @param client the client's channel
     * @param server the server's channel
     */
    public static void pump(EmbeddedChannel client, EmbeddedChannel server) {
        for (int round = 0; round < 100; round++) {
            boolean moved = move(client, server) | move(server, client);
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("TLS peers kept talking for 100 rounds");
    }

    private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (ByteBuf bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
            to.writeInbound(bytes);
            moved = true;
        }
        return moved;
    }

    /**
     * @param certificate a self-signed certificate made for the test
     * @return the server's TLS material holding it
     */
    public static TlsMaterial material(SelfSignedCertificate certificate) {
        return new TlsMaterial() {
            @Override
            public PrivateKey privateKey() {
                return certificate.key();
            }

            @Override
            public List<X509Certificate> certificateChain() {
                return List.of(certificate.cert());
            }

            @Override
            public boolean selfSigned() {
                return true;
            }
        };
    }
}
