package org.iggyj.kernel.plugin;

/**
 * A plugin the active deployment profile requires is absent from the plugins directory or failed
 * to load or start. Fatal: the server does not start without it.
 */
public final class MissingPluginException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message names the profile, the plugin and what happened to it */
    public MissingPluginException(String message) {
        super(message);
    }
}
