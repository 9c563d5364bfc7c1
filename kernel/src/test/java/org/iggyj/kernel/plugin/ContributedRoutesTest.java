package org.iggyj.kernel.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.iggyj.spi.ConfigKey;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.HttpRequest;
import org.iggyj.spi.HttpResponse;
import org.iggyj.spi.HttpRouteContext;
import org.iggyj.spi.HttpRouteProvider;
import org.iggyj.spi.HttpRoutes;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.test.MapKernelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route providers found through {@code META-INF/services}, started in order with their config
 * section and the names of the transports to come, checked for well-formed and distinct prefixes,
 * and closed.
 */
class ContributedRoutesTest {

    static final AtomicInteger CLOSED = new AtomicInteger();

    @TempDir
    Path dir;

    /** Serves {@code [name] path}, default {@code /a}. */
    public static class ProviderA implements HttpRouteProvider {
        @Override
        public String name() {
            return "a";
        }

        @Override
        public HttpRoutes start(HttpRouteContext context) {
            return routes(context.config().string("path", "/a") + (context.transportNames().contains("http") ? "" : "-alone"));
        }
    }

    /** Declares its {@code [sectioned]} section, as the console declares {@code [console]}. */
    public static class SectionedProvider implements HttpRouteProvider {
        static final ConfigSchema SCHEMA = ConfigSchema.of("sectioned", ConfigKey.bool("enabled", true),
                ConfigKey.string("path", "/sectioned"));

        @Override
        public List<ConfigSchema> configSchemas() {
            return List.of(SCHEMA);
        }

        @Override
        public String name() {
            return "sectioned";
        }

        @Override
        public HttpRoutes start(HttpRouteContext context) {
            return routes(context.config().string("path", "/unset"));
        }
    }

    /** Also claims {@code /a}. */
    public static class ProviderB implements HttpRouteProvider {
        @Override
        public String name() {
            return "b";
        }

        @Override
        public HttpRoutes start(HttpRouteContext context) {
            return routes("/a");
        }
    }

    /** A prefix without the leading slash. */
    public static class BadPrefixProvider implements HttpRouteProvider {
        @Override
        public String name() {
            return "bad";
        }

        @Override
        public HttpRoutes start(HttpRouteContext context) {
            return routes("oops/");
        }
    }

    static HttpRoutes routes(String prefix) {
        return new HttpRoutes() {
            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public HttpResponse handle(HttpRequest request) {
                return HttpResponse.status(204);
            }

            @Override
            public void close() {
                CLOSED.incrementAndGet();
            }
        };
    }

    private ContributedRoutes start(List<Class<?>> providers, java.util.function.Function<String, KernelConfig> sections,
                                    Set<String> transports) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        StringBuilder names = new StringBuilder();
        providers.forEach(p -> names.append(p.getName()).append('\n'));
        Files.writeString(services.resolve(HttpRouteProvider.class.getName()), names);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
             PluginHost host = PluginHost.fromClasspath(loader)) {
            return ContributedRoutes.start(host, sections, transports);
        }
    }

    @Test
    void shouldStartEnabledProvidersWithTheirSectionAndTheTransportsToCome() throws Exception {
        MapKernelConfig a = new MapKernelConfig();
        a.put("path", "/console");
        int closedBefore = CLOSED.get();
        ContributedRoutes routes = start(List.of(ProviderA.class), name -> a, Set.of("http", "tcp"));
        assertEquals(List.of("/console"), routes.list().stream().map(HttpRoutes::prefix).toList());
        routes.close();
        routes.close();
        assertEquals(closedBefore + 1, CLOSED.get(), "closed once");
    }

    @Test
    void shouldTellAProviderWhenNoHttpTransportWillServeIt() throws Exception {
        ContributedRoutes routes = start(List.of(ProviderA.class), name -> new MapKernelConfig(), Set.of("tcp"));
        assertEquals("/a-alone", routes.list().get(0).prefix());
    }

    @Test
    void shouldSkipAProviderDisabledInItsSection() throws Exception {
        MapKernelConfig off = new MapKernelConfig();
        off.put("enabled", false);
        assertTrue(start(List.of(ProviderA.class), name -> off, Set.of("http")).list().isEmpty());
    }

    @Test
    void shouldFailStartupWhenTwoProvidersClaimOnePrefix() {
        int closedBefore = CLOSED.get();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> start(List.of(ProviderA.class, ProviderB.class), name -> new MapKernelConfig(), Set.of("http")));
        assertTrue(e.getMessage().contains("both claim the prefix /a"), e.getMessage());
        assertEquals(closedBefore + 2, CLOSED.get(), "what had started is closed again");
    }

    @Test
    void shouldFailStartupOnAMalformedPrefix() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> start(List.of(BadPrefixProvider.class), name -> new MapKernelConfig(), Set.of("http")));
        assertTrue(e.getMessage().contains("invalid prefix 'oops/'"), e.getMessage());
    }

    @Test
    void shouldAskRouteProvidersForTheirConfigSectionsWithTheOtherExtensions() throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(HttpRouteProvider.class.getName()), SectionedProvider.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
             PluginHost host = PluginHost.fromClasspath(loader)) {
            assertTrue(host.configSchemas().contains(SectionedProvider.SCHEMA), host.configSchemas().toString());
        }
    }
}
