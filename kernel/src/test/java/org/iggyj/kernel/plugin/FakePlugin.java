package org.iggyj.kernel.plugin;

import org.pf4j.Plugin;

/** The plugin class of the test plugin jars. */
public class FakePlugin extends Plugin {
}
