package org.iggyj.spi;

/**
 * A running set of HTTP routes under one path prefix, served by an HTTP transport for every
 * request whose path is the prefix itself or starts with the prefix followed by {@code /}.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #handle} is called concurrently from the transport's worker threads: it must be
 *       thread-safe and must not block for long (serve from memory).</li>
 *   <li>Routes are public: the transport checks no token before calling {@link #handle}. Serve
 *       nothing that needs a login (static files, public text); data belongs in the kernel's API,
 *       where the kernel checks permissions.</li>
 *   <li>The prefix may not shadow the transport's own API: an HTTP transport refuses to start when a
 *       prefix's first segment is one its own routes use ({@code /streams}, {@code /users}, …).</li>
 * </ul>
 * {@link #close()} is idempotent; the kernel calls it after the transports have stopped.
 */
public interface HttpRoutes extends AutoCloseable {

    /**
     * @return the path prefix, starting with {@code /} and not ending with it, e.g. {@code /ui}
     */
    String prefix();

    /**
     * Answers one request under {@link #prefix()}.
     *
     * @param request the request; valid during this call only
     * @return the response, never null; its body is not copied, so do not change it afterwards
     */
    HttpResponse handle(HttpRequest request);

    @Override
    default void close() {
    }
}
