package org.iggyj.kernel.plugin;

import org.pf4j.Plugin;

/** A plugin whose start fails, to check that the host skips it. */
public class FailingPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("refusing to start");
    }
}
