package org.iggyj.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.iggyj.spi.ScrapeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's own listener for when no HTTP transport runs: the JDK's built-in HTTP server on one
 * daemon thread, answering {@code GET <path>} with the scrape text and 404 for anything else.
 * Scrapes are rare and small, so one thread is enough. {@link #close()} stops it.
 */
final class ScrapeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeServer.class);

    private final HttpServer server;
    private final ExecutorService thread;

    private ScrapeServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    static ScrapeServer start(InetSocketAddress bind, ScrapeSource source) throws IOException {
        HttpServer server = HttpServer.create(bind, 0);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", exchange -> answer(exchange, source));
        server.start();
        ScrapeServer started = new ScrapeServer(server, thread);
        LOG.info("metrics endpoint listening on http://{}:{}{}", started.address().getHostString(),
                started.address().getPort(), source.path());
        return started;
    }

    private static void answer(HttpExchange exchange, ScrapeSource source) throws IOException {
        try (exchange) {
            boolean match = exchange.getRequestURI().getPath().equals(source.path());
            if (!match || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(match ? 405 : 404, -1);
                return;
            }
            byte[] body = source.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", source.contentType());
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** @return the bound address */
    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
