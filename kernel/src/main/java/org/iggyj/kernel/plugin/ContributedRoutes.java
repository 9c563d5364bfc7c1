package org.iggyj.kernel.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.iggyj.spi.HttpRouteContext;
import org.iggyj.spi.HttpRouteProvider;
import org.iggyj.spi.HttpRoutes;
import org.iggyj.spi.KernelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route sets {@link HttpRouteProvider}s contributed, started once before the transports and
 * handed to each of them; closed after the transports. Checks that prefixes are well formed and
 * unique, so two plugins cannot silently shadow each other's pages.
 *
 * <p>Not thread-safe: built and closed on the kernel's startup and shutdown thread; the list it
 * returns is immutable.
 */
public final class ContributedRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContributedRoutes.class);

    private final Map<String, HttpRoutes> byProvider;

    private ContributedRoutes(Map<String, HttpRoutes> byProvider) {
        this.byProvider = byProvider;
    }

    /** @return no route sets, for a kernel started without a plugin host */
    public static ContributedRoutes none() {
        return new ContributedRoutes(Map.of());
    }

    /**
     * Starts every enabled provider with its plugin's class loader.
     *
     * @param plugins        the host the providers come from
     * @param sections       a provider's config section by name
     * @param transportNames the transports that will start afterwards
     * @return the started route sets
     * @throws IllegalStateException when a provider fails, or a prefix is malformed or taken twice
     */
    public static ContributedRoutes start(PluginHost plugins, Function<String, KernelConfig> sections,
                                          Set<String> transportNames) {
        Map<String, HttpRoutes> started = new java.util.LinkedHashMap<>();
        Map<String, String> prefixOwners = new HashMap<>();
        ContributedRoutes routes = new ContributedRoutes(started);
        try {
            for (HttpRouteProvider provider : plugins.httpRouteProviders()) {
                String name = provider.name();
                KernelConfig config = sections.apply(name);
                if (!config.bool("enabled", true)) {
                    LOG.info("HTTP route provider {} is disabled by [{}] enabled = false", name, name);
                    continue;
                }
                HttpRoutes running = startOne(plugins, provider, new Context(config, Set.copyOf(transportNames)));
                started.put(name, running);
                String prefix = running.prefix();
                checkPrefix(name, prefix);
                String other = prefixOwners.putIfAbsent(prefix, name);
                if (other != null) {
                    throw new IllegalStateException("http route providers '" + other + "' and '" + name
                            + "' both claim the prefix " + prefix);
                }
                LOG.info("HTTP route provider {} started with prefix {}", name, prefix);
            }
            return routes;
        } catch (RuntimeException e) {
            routes.close();
            throw e;
        }
    }

    private static HttpRoutes startOne(PluginHost plugins, HttpRouteProvider provider, HttpRouteContext context) {
        try {
            return plugins.withPluginLoader(provider, () -> provider.start(context));
        } catch (Exception e) {
            throw new IllegalStateException("http route provider " + provider.name() + " failed to start: "
                    + e.getMessage(), e);
        }
    }

    static void checkPrefix(String provider, String prefix) {
        if (prefix == null || !prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")
                || prefix.contains("//") || prefix.contains("?")) {
            throw new IllegalStateException("http route provider '" + provider + "' has an invalid prefix '" + prefix
                    + "': it must start with / and not end with /, e.g. /ui");
        }
    }

    /** @return the running route sets, in start order */
    public List<HttpRoutes> list() {
        return List.copyOf(byProvider.values());
    }

    /** Closes every route set; idempotent. */
    @Override
    public void close() {
        List<String> names = new ArrayList<>(byProvider.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            HttpRoutes routes = byProvider.remove(name);
            try {
                routes.close();
            } catch (RuntimeException e) {
                LOG.warn("HTTP route provider {} did not close cleanly", name, e);
            }
        }
    }

    private record Context(KernelConfig config, Set<String> transportNames) implements HttpRouteContext {
    }
}
