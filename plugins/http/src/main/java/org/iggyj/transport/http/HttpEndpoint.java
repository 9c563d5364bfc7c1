package org.iggyj.transport.http;

import io.undertow.Undertow;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iggyj.spi.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Undertow server. {@link #close()} is idempotent and blocks until Undertow has stopped.
 */
final class HttpEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final Undertow server;
    private final SocketAddress address;
    private final TokenService tokens;
    private final AtomicBoolean closed = new AtomicBoolean();

    HttpEndpoint(Undertow server, TokenService tokens) {
        this.server = server;
        this.tokens = tokens;
        this.address = server.getListenerInfo().get(0).getAddress();
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop();
            tokens.close();
            LOG.info("http transport on {} closed", address);
        }
    }
}
