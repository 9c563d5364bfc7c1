package org.iggyj.spi.test;

import java.net.InetSocketAddress;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.Session;

/**
 * An immutable session handed out by {@link FakeSessions}; never authenticated.
 *
 * @param clientId      a sequence number, starting at 1
 * @param remoteAddress the peer address the transport reported
 * @param transport     the transport kind the transport reported
 */
public record FakeSession(long clientId, InetSocketAddress remoteAddress, TransportKind transport)
        implements Session {

    @Override
    public boolean isAuthenticated() {
        return false;
    }
}
