package org.iggyj.kernel.plugin;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.iggyj.kernel.config.DeploymentProfile;

/**
 * The startup check that every plugin the active profile requires is running. Any other plugin that
 * is absent or failed is only logged (by {@link PluginHost}); a required one stops the server,
 * because a {@code minimal} node without TCP would run and serve nothing.
 */
final class RequiredPlugins {

    private RequiredPlugins() {
    }

    static void check(DeploymentProfile profile, Collection<String> startedIds, String where) {
        List<String> missing = new TreeSet<>(profile.required()).stream()
                .filter(id -> !startedIds.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new MissingPluginException("deployment profile '" + profile.id() + "' requires plugin(s) "
                    + missing + ", which are missing from " + where
                    + " or failed to start (see the log above); started: " + new TreeSet<>(startedIds));
        }
    }
}
