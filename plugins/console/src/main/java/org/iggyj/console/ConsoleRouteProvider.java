package org.iggyj.console;

import java.io.IOException;
import java.util.List;
import org.iggyj.spi.ConfigSchema;
import org.iggyj.spi.HttpRouteContext;
import org.iggyj.spi.HttpRouteProvider;
import org.iggyj.spi.HttpRoutes;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code console} extension: contributes the web console's files under {@code [console] path}
 * (default {@value #DEFAULT_PATH}).
 *
 * <p>Design note: the console is a client of the REST API, so it is served by the HTTP transport,
 * on the same origin as the API (no CORS, no second port). Without an HTTP transport there is no
 * API for it to use; it then logs that and serves nothing rather than opening a listener of its own.
 */
@Extension
public final class ConsoleRouteProvider implements HttpRouteProvider {

    /** The provider name, plugin id and config section. */
    public static final String NAME = "console";
    /** Where the console is served, as Iggy's own web UI is. */
    public static final String DEFAULT_PATH = "/ui";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRouteProvider.class);
    private static final String HTTP_TRANSPORT = "http";

    @Override
    public List<ConfigSchema> configSchemas() {
        return List.of(ConsoleConfig.SCHEMA);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HttpRoutes start(HttpRouteContext context) throws IOException {
        String path = context.config().get(ConsoleConfig.PATH);
        ConsoleRoutes routes = new ConsoleRoutes(path, StaticFiles.load(ConsoleRoutes.class, "console/"));
        if (context.transportNames().contains(HTTP_TRANSPORT)) {
            LOG.info("web console: {} files under {} on the http transport", routes.fileCount(), path);
        } else {
            LOG.warn("web console: no http transport runs, so the console (a client of the REST API) is not served");
        }
        return routes;
    }
}
