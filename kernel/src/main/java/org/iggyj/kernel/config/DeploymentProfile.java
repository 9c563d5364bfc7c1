package org.iggyj.kernel.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which plugins a deployment starts ({@code [plugins] profile}, or {@code iggy-server --profile NAME}).
 * A plugin outside the profile is loaded by nobody: it stays in {@code plugins/} but is not started.
 * A plugin the profile <em>requires</em> must start, or the server does not.
 *
 * <table>
 *   <caption>Profiles</caption>
 *   <tr><th>profile</th><th>starts</th><th>requires</th></tr>
 *   <tr><td>{@code minimal}</td><td>{@code tcp}</td><td>{@code tcp}</td></tr>
 *   <tr><td>{@code edge}</td><td>{@code http}, {@code websocket}</td><td>nothing</td></tr>
 *   <tr><td>{@code full}</td><td>every plugin present</td><td>nothing</td></tr>
 * </table>
 *
 * <p>{@code edge} requires nothing so that an edge node can ship either of its two transports alone;
 * {@code full} is "whatever is in {@code plugins/}", so no single plugin is essential to it. Immutable.
 */
public enum DeploymentProfile {

    /** The binary protocol over TCP only. */
    MINIMAL(Set.of("tcp"), Set.of("tcp")),
    /** Browser-facing transports only: HTTP and WebSocket. */
    EDGE(Set.of("http", "websocket"), Set.of()),
    /** Every plugin found in the plugins directory. */
    FULL(null, Set.of());

    /** The config key naming the profile. */
    public static final String KEY = "plugins.profile";

    private final Set<String> pluginIds;
    private final Set<String> required;

    DeploymentProfile(Set<String> pluginIds, Set<String> required) {
        this.pluginIds = pluginIds;
        this.required = required;
    }

    /**
     * @param text a profile name, case-insensitive
     * @return the profile
     * @throws IllegalArgumentException naming the valid profiles when {@code text} is none of them
     */
    public static DeploymentProfile parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (DeploymentProfile profile : values()) {
            if (profile.id().equals(name)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown deployment profile '" + text + "'; valid profiles: " + validNames());
    }

    /** @return the valid profile names, comma-separated, in declaration order */
    public static String validNames() {
        return Arrays.stream(values()).map(DeploymentProfile::id).collect(Collectors.joining(", "));
    }

    /** @return the profile's name as written in config and on the command line */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param pluginId a PF4J plugin id (which is also the transport's name)
     * @return whether a plugin with this id is started under this profile
     */
    public boolean includes(String pluginId) {
        return pluginIds == null || pluginIds.contains(pluginId);
    }

    /** @return the plugin ids that must be present and started, else startup fails */
    public Set<String> required() {
        return required;
    }
}
