package org.iggyj.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.iggyj.kernel.auth.RootCredentials;
import org.iggyj.kernel.config.ConfigException;
import org.iggyj.kernel.config.ConfigLoader;
import org.iggyj.kernel.config.DeploymentProfile;
import org.iggyj.kernel.config.ServerConfig;
import org.iggyj.kernel.plugin.MissingPluginException;
import org.iggyj.kernel.plugin.PluginHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the command line, loads the configuration and the plugins, runs the server until the JVM
 * is asked to stop.
 */
final class ServerMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

    private ServerMain() {
    }

    private static final String USAGE =
            "Usage: iggy-server [--with-default-root-credentials] [--fresh] [--profile minimal|edge|full]";

    static void run(String[] args) {
        List<String> options = new ArrayList<>();
        String profileName = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--profile") && i + 1 < args.length) {
                profileName = args[++i];
            } else if (option.startsWith("--profile=")) {
                profileName = option.substring("--profile=".length());
            } else if (option.equals("--with-default-root-credentials") || option.equals("--fresh")) {
                options.add(option);
            } else {
                System.err.println("Unknown option " + option + "\n" + USAGE);
                System.exit(2);
            }
        }
        try {
            // Plugins declare their own sections, so the configuration is judged once they have started;
            // the first load only yields the profile that says which plugins to start.
            ServerConfig beforePlugins = ConfigLoader.loadBeforePlugins(System.getenv(), Path.of("").toAbsolutePath());
            DeploymentProfile profile = profileName == null ? beforePlugins.profile() : profileFromFlag(profileName);
            RootCredentials root = RootCredentials.resolve(System.getenv(),
                    options.contains("--with-default-root-credentials"));
            // -Diggy.plugins.classpath=true finds transports on the class path instead of in plugins/
            // (development runs and tests that start the kernel as a process).
            LOG.info("deployment profile '{}'", profile.id());
            PluginHost plugins = Boolean.getBoolean("iggy.plugins.classpath")
                    ? PluginHost.fromClasspath(PluginHost.class.getClassLoader(), profile)
                    : PluginHost.open(Path.of(System.getProperty("pf4j.pluginsDir", "plugins")), profile);
            ServerConfig config = withPluginSections(beforePlugins, plugins);
            if (options.contains("--fresh")) {
                FreshStart.wipe(config.system().path());
            }
            IggyServer server = IggyServer.start(config, root, plugins);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                plugins.close();
                stopped.countDown();
            }, "iggy-shutdown"));
            LOG.info("Iggy server started (data in {})", config.system().path().toAbsolutePath());
            stopped.await();
        } catch (ConfigException | IllegalArgumentException | MissingPluginException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            LOG.error("Server failed to start", e);
            System.exit(1);
        }
    }

    private static ServerConfig withPluginSections(ServerConfig beforePlugins, PluginHost plugins) {
        try {
            return beforePlugins.withPluginSections(plugins.configSchemas());
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    private static DeploymentProfile profileFromFlag(String name) {
        try {
            return DeploymentProfile.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("--profile: " + e.getMessage()));
        }
    }
}
