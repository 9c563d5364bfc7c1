package org.iggyj.transport.quic;

import org.pf4j.Plugin;

/**
 * The PF4J plugin class named in the jar manifest; stateless, the listener is the
 * {@link QuicTransport} extension's endpoint.
 */
public final class QuicPlugin extends Plugin {
}
