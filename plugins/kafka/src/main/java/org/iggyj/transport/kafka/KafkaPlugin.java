package org.iggyj.transport.kafka;

import org.pf4j.Plugin;

/**
 * The PF4J plugin class named in the jar manifest. It holds no state: the listener's lifecycle is
 * the {@link KafkaTransport} extension's endpoint, started and closed by the kernel.
 */
public final class KafkaPlugin extends Plugin {
}
