package org.iggyj.spi;

import java.net.InetSocketAddress;
import org.iggyj.protocol.TransportKind;

/**
 * One connected client as the kernel knows it. Transports hold it and pass it back on every
 * dispatch; they never change it.
 */
public interface Session {

    /**
     * @return the client id reported in client records (XXH32 of the peer address, as Iggy does)
     */
    long clientId();

    /**
     * @return the peer address
     */
    InetSocketAddress remoteAddress();

    /**
     * @return the transport carrying this session
     */
    TransportKind transport();

    /**
     * @return whether a user is logged in on this session
     */
    boolean isAuthenticated();

    /**
     * @return whether the transport writes {@link Reply#fileRegions()} itself (plain TCP, TCP+TLS); when false the
     *         kernel replies with bytes only
     */
    default boolean acceptsFileRegions() {
        return false;
    }

    /**
     * @return whether a successful send_messages on this session is answered with the offset the
     *         batch's first stored message got (u64 LE payload) instead of Iggy's empty reply; see
     *         {@link Sessions#openWithAppendOffsets}. A reply without payload (a replicated send, a
     *         batch dropped whole as duplicates) still means success with the offset unknown.
     */
    default boolean receivesAppendOffsets() {
        return false;
    }
}
