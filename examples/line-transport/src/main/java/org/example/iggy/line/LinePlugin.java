package org.example.iggy.line;

import org.pf4j.Plugin;

/** The PF4J plugin class named in the manifest; the transport is found through its services file. */
public final class LinePlugin extends Plugin {
}
