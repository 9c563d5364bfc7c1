package org.iggyj.kernel.plugin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.iggyj.kernel.config.DeploymentProfile;
import org.pf4j.PluginStatusProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells PF4J which plugins are disabled: those outside the active {@link DeploymentProfile}. PF4J
 * still reads their descriptors (so they show up as {@code DISABLED} rather than vanishing) but
 * never loads a class from them.
 *
 * <p>Replaces PF4J's file-based provider ({@code enabled.txt}/{@code disabled.txt}): the profile is
 * configuration, read once from {@code server.toml} or the command line. {@link #disablePlugin} and
 * {@link #enablePlugin} adjust this run only and are not persisted. Thread-safe.
 */
public final class ProfilePluginStatusProvider implements PluginStatusProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ProfilePluginStatusProvider.class);

    private final DeploymentProfile profile;
    private final Set<String> forcedOn = ConcurrentHashMap.newKeySet();
    private final Set<String> forcedOff = ConcurrentHashMap.newKeySet();

    /** @param profile the active profile */
    public ProfilePluginStatusProvider(DeploymentProfile profile) {
        this.profile = profile;
    }

    /** @return the active profile */
    public DeploymentProfile profile() {
        return profile;
    }

    @Override
    public boolean isPluginDisabled(String pluginId) {
        if (forcedOff.contains(pluginId)) {
            return true;
        }
        boolean disabled = !forcedOn.contains(pluginId) && !profile.includes(pluginId);
        if (disabled) {
            LOG.info("plugin '{}' is not part of deployment profile '{}' and is not started", pluginId, profile.id());
        }
        return disabled;
    }

    @Override
    public void disablePlugin(String pluginId) {
        forcedOn.remove(pluginId);
        forcedOff.add(pluginId);
    }

    @Override
    public void enablePlugin(String pluginId) {
        forcedOff.remove(pluginId);
        forcedOn.add(pluginId);
    }
}
