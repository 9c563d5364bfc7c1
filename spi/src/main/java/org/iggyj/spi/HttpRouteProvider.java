package org.iggyj.spi;

import org.pf4j.ExtensionPoint;

/**
 * Contributes HTTP routes (a web console, static files, a plugin's own read-only pages) that
 * whichever HTTP transport runs mounts next to its own API, so that plugins never call each other.
 *
 * <p>Stateless extension, discovered by PF4J like {@link Transport}. The kernel starts providers
 * after the metrics exporters and before the transports, with the plugin's class loader as context
 * class loader, and hands every running {@link HttpRoutes} to each transport through
 * {@link TransportContext#httpRoutes()}; it closes them after the transports. A provider whose
 * config section says {@code enabled = false} is not started. Two providers with one name, or two
 * running route sets with one prefix, fail startup.
 *
 * <p>This is the general form of the scrape source an exporter publishes
 * ({@link Exporter#scrapeSource()}): a scrape source is one {@code GET} path with a text body, a
 * route set is a whole path prefix with any response.
 */
public interface HttpRouteProvider extends ExtensionPoint, ConfiguredExtension {

    /**
     * @return the provider's name, also its plugin id, config section and log tag ({@code console})
     */
    String name();

    /**
     * Prepares the routes (loads files, builds caches). Must not bind a port unless
     * {@link HttpRouteContext#transportNames()} shows that no HTTP transport will serve the routes.
     *
     * @param context what the kernel hands this provider
     * @return the running route set
     * @throws Exception when the routes cannot be prepared; startup then fails
     */
    HttpRoutes start(HttpRouteContext context) throws Exception;
}
