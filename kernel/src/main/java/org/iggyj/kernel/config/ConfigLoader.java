package org.iggyj.kernel.config;

import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.toml.TomlParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link ServerConfig} once at startup, as Iggy 0.8 does:
 * <ol>
 *   <li>the built-in defaults (the shipped {@code configs/server.toml}, embedded in the jar);</li>
 *   <li>the config file: {@code IGGY_CONFIG_PATH}, else {@code configs/server.toml}; a relative path
 *       is looked up in the working directory, then in each parent. A missing default file only
 *       warns; a missing {@code IGGY_CONFIG_PATH} file is an error. TOML only — Iggy has no other
 *       provider, and night-config's JSON module is not on the kernel classpath;</li>
 *   <li>{@code IGGY_*} environment overrides ({@link EnvOverrides});</li>
 *   <li>validation: every problem (unknown keys, wrong types, broken rules) is collected and
 *       reported in one {@link ConfigException}.</li>
 * </ol>
 */
public final class ConfigLoader {

    /** Environment variable naming the config file. */
    public static final String CONFIG_PATH_ENV = "IGGY_CONFIG_PATH";

    /** Config file used when {@link #CONFIG_PATH_ENV} is unset, relative to the working directory. */
    public static final String DEFAULT_CONFIG_FILE = "configs/server.toml";

    private static final String DEFAULTS_RESOURCE = "server.toml";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {
    }

    /**
     * @param env        the process environment ({@code System.getenv()} in production)
     * @param workingDir the directory relative paths start from
     * @return the validated configuration
     * @throws ConfigException when the file cannot be read or any value is invalid
     */
    public static ServerConfig load(Map<String, String> env, Path workingDir) {
        return load(env, workingDir, Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #load(Map, Path)}, with the core count used to resolve and check
     * {@code system.sharding.cpu_allocation} given explicitly.
     */
    public static ServerConfig load(Map<String, String> env, Path workingDir, int availableCores) {
        return load(new ConfigInputs(env, workingDir, availableCores), PluginSections.unbound(), List.of());
    }

    /**
     * The first of the server's two loads: as {@link #load(Map, Path)}, but a configuration with
     * problems is returned rather than rejected, so the deployment profile can be read and the plugins
     * started; {@link ServerConfig#withPluginSections} then reports every problem, the kernel's and
     * the plugins', in one {@link ConfigException}. Nothing but the profile may be used before that.
     *
     * @param env        the process environment
     * @param workingDir the directory relative paths start from
     * @return the configuration without plugin sections, possibly invalid
     * @throws ConfigException when the config file is missing or not TOML
     */
    public static ServerConfig loadBeforePlugins(Map<String, String> env, Path workingDir) {
        return load(new ConfigInputs(env, workingDir, Runtime.getRuntime().availableProcessors()),
            PluginSections.unbound(), List.of(), false);
    }

    /**
     * Loads the configuration with the sections plugins declared: called again by
     * {@link ServerConfig#withPluginSections} once the plugins are started.
     *
     * @param inputs        the environment, working directory and core count of the first load
     * @param plugins       the declared sections, or {@link PluginSections#unbound()} before plugins load
     * @param alreadyLogged warnings a previous load logged; not logged again
     */
    static ServerConfig load(ConfigInputs inputs, PluginSections plugins, List<String> alreadyLogged) {
        return load(inputs, plugins, alreadyLogged, true);
    }

    private static ServerConfig load(ConfigInputs inputs, PluginSections plugins, List<String> alreadyLogged,
                                     boolean rejectProblems) {
        Map<String, String> env = inputs.env();
        Map<String, Object> tree = defaults();
        tree.keySet().removeIf(section -> !ConfigKeys.KERNEL_SECTIONS.contains(section)
            && !ConfigKeys.UNDECLARED_PLUGIN_SECTIONS.contains(section));
        plugins.applyDefaults(tree);
        KeySchema schema = KeySchema.of(tree, plugins.optionalKeys(ConfigKeys.OPTIONAL));
        Problems problems = new Problems();
        List<String> warnings = new ArrayList<>();
        plugins.reportDeclarationProblems(problems);

        Optional<Path> file = locate(env, inputs.workingDir(), warnings);
        file.ifPresent(path -> {
            Map<String, Object> layer = parse(path);
            setAsideUnknownSections(layer, schema, plugins, warnings);
            schema.conform(layer, problems);
            ConfigTree.merge(tree, layer);
        });
        new EnvOverrides(schema).apply(env, tree, problems, warnings,
            name -> plugins.shouldWarnAboutVariable(name, schema.topLevelTables()));
        plugins.checkValues(tree, problems);

        Map<String, Object> frozen = ConfigTree.freeze(tree);
        ConfigBinder binder = new ConfigBinder(new ConfigSection("", frozen), problems);
        SystemConfig system = binder.system(inputs.workingDir(), inputs.availableCores());
        new ConfigRules(frozen, binder, problems).check(warnings);
        ServerConfig config = new ServerConfig(frozen, file, warnings, binder, system, inputs, plugins);
        warnings.stream().filter(warning -> !alreadyLogged.contains(warning)).forEach(LOG::warn);
        if (!rejectProblems) {
            return config;
        }
        problems.throwIfAny();
        if (plugins.isBound()) {
            LOG.info("configuration loaded from {}", file.map(Path::toString).orElse("built-in defaults"));
        }
        return config;
    }

    /**
     * Removes the top-level tables no one knows: sections of plugins that are absent or outside the
     * profile. Before the plugins are known they are removed silently, to be judged by the next load.
     */
    private static void setAsideUnknownSections(Map<String, Object> layer, KeySchema schema, PluginSections plugins,
                                                List<String> warnings) {
        layer.entrySet().removeIf(entry -> {
            boolean unknown = entry.getValue() instanceof Map && !schema.hasTopLevelTable(entry.getKey());
            if (unknown && plugins.isBound()) {
                warnings.add("[" + entry.getKey() + "] is a section of no started plugin (the plugin is absent or"
                    + " not part of the deployment profile); its keys are ignored");
            }
            return unknown;
        });
    }

    /** @return the built-in default layer as a mutable tree */
    static Map<String, Object> defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in default configuration " + DEFAULTS_RESOURCE
                    + " is missing from the kernel jar");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return ConfigTree.fromConfig(new TomlParser().parse(reader));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in default configuration", e);
        }
    }

    private static Optional<Path> locate(Map<String, String> env, Path workingDir, List<String> warnings) {
        String explicit = env.get(CONFIG_PATH_ENV);
        boolean isExplicit = explicit != null && !explicit.isBlank();
        String name = isExplicit ? explicit.trim() : DEFAULT_CONFIG_FILE;
        Optional<Path> found = find(workingDir, Path.of(name));
        if (found.isEmpty() && isExplicit) {
            throw new ConfigException(List.of(CONFIG_PATH_ENV + ": config file \"" + name + "\" does not exist"
                + " (looked in " + workingDir.toAbsolutePath() + " and its parents)"));
        }
        if (found.isEmpty()) {
            warnings.add("no config file " + name + " in " + workingDir.toAbsolutePath()
                + " or its parents; using built-in defaults");
        }
        return found;
    }

    private static Optional<Path> find(Path workingDir, Path name) {
        if (name.isAbsolute()) {
            return Files.isRegularFile(name) ? Optional.of(name) : Optional.empty();
        }
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> parse(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ConfigTree.fromConfig(new TomlParser().parse(reader));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        } catch (ParsingException e) {
            throw new ConfigException("config file " + file + " is not valid TOML: " + e.getMessage(), e);
        }
    }
}
