package org.iggyj.kernel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.iggyj.kernel.plugin.PluginHost;
import org.iggyj.spi.Endpoint;
import org.iggyj.spi.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transports' running endpoints, by name in start order: started one by one (each with its plugin's
 * class loader when it comes from a plugin), closed in reverse.
 *
 * <p>Started on the thread that starts the server; read from any thread after; closed under the server's lock.
 */
final class TransportEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(TransportEndpoints.class);

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    /**
     * Starts every enabled transport, in order; a duplicate name or a failed start throws.
     *
     * @param transports the transports
     * @param plugins    their plugin host, or null for transports on the server's class path
     * @param enabled    whether a transport name is enabled ({@code [name] enabled})
     * @param contexts   the context handed to a transport, by name
     */
    void start(List<Transport> transports, PluginHost plugins, Predicate<String> enabled,
               Function<String, KernelTransportContext> contexts) {
        if (transports.isEmpty()) {
            LOG.warn("No transport loaded: the server is running but serves nothing over the network");
            return;
        }
        for (Transport transport : transports) {
            String name = transport.name();
            if (endpoints.containsKey(name)) {
                throw new IllegalStateException("two transports are named '" + name + "'");
            }
            if (!enabled.test(name)) {
                LOG.info("Transport {} is disabled by [{}] enabled = false", name, name);
                continue;
            }
            KernelTransportContext ctx = contexts.apply(name);
            Endpoint endpoint = plugins == null ? startOne(transport, ctx) : startInPluginLoader(plugins, transport, ctx);
            endpoints.put(name, endpoint);
            LOG.info("Transport {} listening on {}", name, endpoint.address());
        }
    }

    private static Endpoint startInPluginLoader(PluginHost plugins, Transport transport, KernelTransportContext ctx) {
        try {
            return plugins.withPluginLoader(transport, () -> startOne(transport, ctx));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("transport " + transport.name() + " failed to start", e);
        }
    }

    private static Endpoint startOne(Transport transport, KernelTransportContext ctx) {
        try {
            return transport.start(ctx);
        } catch (Exception e) {
            throw new IllegalStateException("transport " + transport.name() + " failed to start: " + e.getMessage(), e);
        }
    }

    /** @return the address a transport bound, or null when it is not running */
    InetSocketAddress address(String transportName) {
        Endpoint e = endpoints.get(transportName);
        SocketAddress address = e == null ? null : e.address();
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    /** @return every running transport's bound address, by name in start order */
    Map<String, SocketAddress> bound() {
        Map<String, SocketAddress> bound = new LinkedHashMap<>();
        endpoints.forEach((name, e) -> bound.put(name, e.address()));
        return bound;
    }

    /** Closes every endpoint, last started first; a failure is logged and the others still close. */
    void close() {
        List<String> names = new ArrayList<>(endpoints.keySet());
        Collections.reverse(names);
        for (String name : names) {
            try {
                endpoints.get(name).close();
            } catch (RuntimeException e) {
                LOG.warn("Transport {} did not close cleanly", name, e);
            }
        }
    }
}
