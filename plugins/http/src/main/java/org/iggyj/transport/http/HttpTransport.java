package org.iggyj.transport.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.InetSocketAddress;
import java.util.List;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport extension: Iggy 0.8's REST API on an Undertow server.
 *
 * <p>Reads from its {@code [http]} section: {@code address} (default {@value #DEFAULT_ADDRESS}),
 * {@code max_request_size}, {@code cors.*}, {@code jwt.*}, {@code metrics.*}. With {@code tls.enabled = true}
 * it serves HTTPS only, with the certificate the kernel hands over ({@code tls.cert_file}/{@code tls.key_file},
 * or a generated self-signed one for {@code localhost} written there when the files do not exist).
 *
 * <p>Design note: Undertow runs its own XNIO threads (two I/O threads and a small worker pool); the
 * kernel's Netty event loops cannot drive it. Routes block a worker thread while the dispatcher runs.
 */
@Extension
public final class HttpTransport implements Transport {

    /** The transport name, plugin id and config section. */
    public static final String NAME = "http";
    /** Iggy 0.8's default listener address. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:3000";
    /** Iggy 0.8's default body limit, "2 MB". */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 2_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final int WORKER_THREADS = 16;

    @Override
    public List<ConfigSchema> configSchemas() {
        return List.of(HttpConfig.SCHEMA);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Endpoint start(TransportContext context) {
        KernelConfig config = context.config();
        InetSocketAddress bind = parse(config.get(HttpConfig.ADDRESS));
        TokenService tokens = TokenService.fromConfig(config.section("jwt"));
        RestHandler handler = new RestHandler(context, tokens, Cors.fromConfig(config.section("cors")),
                config.bytes(HttpConfig.MAX_REQUEST_SIZE.name(), DEFAULT_MAX_REQUEST_BYTES), MetricsRoute.of(context));
        Undertow.Builder builder = Undertow.builder();
        if (context.tls().isPresent()) {
            builder.addHttpsListener(bind.getPort(), bind.getHostString(), ServerSslContext.of(context.tls().get()));
        } else {
            builder.addHttpListener(bind.getPort(), bind.getHostString());
        }
        Undertow server = builder
                .setIoThreads(2)
                .setWorkerThreads(WORKER_THREADS)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                .setHandler(handler)
                .build();
        server.start();
        HttpEndpoint endpoint = new HttpEndpoint(server, tokens);
        LOG.info("http transport listening on {}{}", endpoint.address(), context.tls().isPresent() ? " (HTTPS)" : "");
        return endpoint;
    }

    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("[http] address must be host:port, got '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(address.substring(colon + 1)));
    }
}
