package org.iggyj.spi;

import org.pf4j.ExtensionPoint;

/**
 * A network transport that carries Iggy commands to the kernel: TCP, QUIC, HTTP, WebSocket or a
 * third party's own.
 *
 * <p>Implementations are stateless, public, with a public no-argument constructor doing no work:
 * PF4J instantiates them reflectively. The kernel calls {@link #start} once, from its startup
 * thread, after storage and shards are running, and closes the returned {@link Endpoint} on
 * shutdown before stopping the shards.
 */
public interface Transport extends ExtensionPoint, ConfiguredExtension {

    /**
     * The transport's name, also its plugin id, its config section ({@code [tcp]}) and its tag in
     * logs. Two transports with one name fail startup.
     *
     * @return a short lower-case name such as {@code tcp}
     */
    String name();

    /**
     * Binds and starts serving.
     *
     * @param context what the kernel hands this transport; valid until the endpoint is closed
     * @return the running endpoint, bound when this method returns
     * @throws Exception when the transport cannot bind or configure itself; startup then fails
     */
    Endpoint start(TransportContext context) throws Exception;
}
